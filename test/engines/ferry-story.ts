// A story of three outlets written for these tests (no real news, no shared seed text).
import type { BriefingArticle } from '../../src/domain/types.js';

export const FERRY: BriefingArticle[] = [
  {
    id: 1,
    title: 'Ferry crews in Port Calder walk out over pay',
    outlet: 'Harbour Post',
    url: 'https://harbour.test/news/ferry-strike',
    publishedAt: '2031-06-06T08:00:00Z',
    text: [
      'Ferry crews in Port Calder began an indefinite strike on 6 June, halting about 1,200 daily crossings to the Wend islands.',
      'Union leader Marta Ilves said months of talks with the Calder Ferry Company had failed to produce a fair offer.',
      'The company offered a 3.5 percent raise, while the union is asking for 9 percent over two years.',
      'Island shops reported that fresh food deliveries had already stopped by midday.',
      'The harbour authority said it would keep the cargo berth open for emergency supplies.',
      'Ilves said crews would stay out until the company returned to the table with a better offer.',
    ].join(' '),
  },
  {
    id: 2,
    title: 'Calder ferries stopped as strike bites',
    outlet: 'Coast Daily',
    url: 'https://coast.test/calder-ferries',
    publishedAt: '2031-06-06T11:00:00Z',
    text: [
      'All ferries between Port Calder and the Wend islands stood idle on Thursday as crews went on strike.',
      'The Calder Ferry Company called the walkout irresponsible and said its 3.5 percent offer was the best in the sector.',
      'About 4,000 islanders depend on the service to reach jobs, schools and the hospital in Port Calder.',
      'The regional health board arranged a water taxi for patients who need dialysis.',
      'The operator Anatolia Lines offered to lend two vessels, but the union warned that crews would not sail them.',
      'Analysts said a long strike could cost the island economy heavily during the summer season.',
    ].join(' '),
  },
  {
    id: 3,
    title: 'Wend islanders count the cost of ferry strike',
    outlet: 'Island Voice',
    url: 'https://island.test/strike-cost',
    publishedAt: '2031-06-07T07:00:00Z',
    text: [
      'Hotels on the Wend islands reported cancellations on the first weekend of the ferry strike.',
      'Guesthouse owner Tomas Reyes said half of his bookings for June had been cancelled.',
      'Union leader Marta Ilves told a rally that the strike could last three weeks.',
      'The Calder Ferry Company said it was ready to meet the union on Monday.',
      'Islanders queued for the water taxi at dawn, and some crossed in private fishing boats.',
    ].join(' '),
  },
];

/** An answer a careful model would give: every figure and name in a source it cites. */
export const GOOD_ANSWER = {
  headline: 'Port Calder ferry crews strike over pay',
  lede: 'Ferry crews in Port Calder began an indefinite strike on June 6, halting about 1,200 daily crossings to the Wend islands.',
  takeaways: [
    { text: 'The Calder Ferry Company offered a 3.5 percent raise; the union wants 9 percent over two years.', sources: [1, 2] },
    { text: 'About 4,000 islanders depend on the service for jobs, schools and the hospital.', sources: [2] },
    { text: 'Marta Ilves said the strike could last three weeks.', sources: [3] },
    { text: 'Guesthouse owner Tomas Reyes said half of his June bookings were cancelled.', sources: [3] },
  ],
  whyItMatters: 'Analysts said a long strike could cost the island economy heavily during the summer season.',
};
