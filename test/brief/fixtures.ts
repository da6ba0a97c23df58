// Invented articles for the briefing tests: two outlets covering the same (fictional) event, a
// one-article story, and an article full of boilerplate. No real reporting is quoted here.
import type { BriefingArticle } from '../../src/domain/types.js';

export const harbourCoast: BriefingArticle = {
  id: 11,
  title: 'Valdria dockworkers end strike after wage deal - Coastal Herald',
  outlet: 'Coastal Herald',
  url: 'https://herald.example/valdria-strike-ends',
  publishedAt: '2031-03-04T09:00:00Z',
  text: [
    'VALDRIA (Herald Wire) - Dockworkers at the port of Valdria ended a nine-day strike on Tuesday after the Marlow Shipping Union accepted a wage deal with the Port Authority.',
    'The agreement raises hourly pay by 7 percent over two years and limits night shifts to four per week.',
    'More than 3,000 workers had walked out on February 23, leaving 140 container ships waiting offshore.',
    'Union leader Tessa Orlund said members voted 78 percent in favour of the offer.',
    'Click here to subscribe to our newsletter.',
    'Port Authority chief Ivan Mercer said cranes would restart on Wednesday morning.',
    'The backlog could take three weeks to clear, which would raise shipping costs for importers across the region.',
    'Why did the talks take so long?',
    'Economists said the stoppage highlights how much the regional economy depends on a single harbour.',
    'Share this article',
  ].join('\n\n'),
};

export const harbourWire: BriefingArticle = {
  id: 7,
  title: 'Valdria port strike over as union backs 7 percent pay rise',
  outlet: 'Northline News',
  url: 'https://northline.example/2031/03/04/valdria',
  publishedAt: '2031-03-04T11:30:00Z',
  text: [
    'By Mara Quill',
    'Dockworkers at the port of Valdria ended their nine-day strike on Tuesday after the Marlow Shipping Union accepted a wage deal with the Port Authority.',
    'Members voted 78 percent in favour of the offer, union leader Tessa Orlund told reporters outside the union hall.',
    'The deal lifts hourly pay by 7 percent over two years and caps night shifts at four a week, according to a copy seen by Northline.',
    'Photo credit: Northline archive',
    'Some 140 container ships had queued outside the harbour during the stoppage.',
    'Retailers warned that shelves could stay thin until the backlog clears, a risk for the spring sales season.',
    'The Port of Valdria handles about a fifth of the country\'s imports, according to the transport ministry.',
    'The ministry said it aims to set up a standing mediation board to prevent future stoppages.',
  ].join('\n\n'),
};

/** A second topic inside one story: fishing quotas debated at the same harbour. */
export const harbourQuota: BriefingArticle = {
  id: 20,
  title: 'Valdria harbour council also debates fishing quotas',
  outlet: 'Bay Ledger',
  url: 'https://ledger.example/valdria-quotas',
  publishedAt: '2031-03-05T08:00:00Z',
  text: [
    'The Valdria harbour council met on Wednesday as cranes restarted after the dockworkers strike ended.',
    'Councillors also debated new fishing quotas for the herring fleet, which would cut the annual catch by a third.',
    'Fishing crews said the herring quotas would force smaller boats out of business within two seasons.',
    'The council will vote on the fishing quotas in April after a public hearing.',
    'Cargo traffic returned to normal levels on Thursday, the Port Authority said.',
    'Harbour pilots worked double shifts to guide the waiting container ships into port.',
  ].join('\n\n'),
};

export const libraryStory: BriefingArticle = {
  id: 3,
  title: 'Orrin Falls opens solar-powered library',
  outlet: 'Valley Post',
  url: 'https://valleypost.example/library',
  publishedAt: '2031-05-10T07:00:00Z',
  text:
    'Orrin Falls opened a solar-powered public library on Saturday, the first building in the county to run entirely on its own energy. ' +
    'The two-storey library cost 4.2 million crowns and was paid for by a regional climate fund and private donors. ' +
    'Its roof carries 600 solar panels that feed a battery bank in the basement. ' +
    'Mayor Lena Havik said the building would cut the town\'s energy bill by 30,000 crowns a year. ' +
    'The library holds 45,000 books and a workshop where residents can repair bicycles and small appliances. ' +
    'Officials expect the design to be copied by two neighbouring towns next year.',
};

/** Boilerplate a scraper might leave: datelines, bylines, captions, headings, bullet residue. */
export const junkyStory: BriefingArticle = {
  id: 5,
  title: 'Keldor wildfire forces evacuation of three villages',
  outlet: 'Daily Example',
  url: 'https://daily.example/keldor-fire',
  publishedAt: '2031-07-02T06:00:00Z',
  text: [
    'By . Daily Example Reporter . PUBLISHED: 09:12 EST, 2 July 2031 | . UPDATED: 11:40 EST, 2 July 2031 . Firefighters evacuated three villages near Keldor on Monday as a wildfire spread across 2,000 hectares of dry forest.',
    'Key Takeaways',
    '• 1Crews from four provinces joined the effort to contain the blaze overnight.',
    'Scroll down for video',
    'A firefighter sprays water on burning trees near Keldor',
    '(Example News) -- Strong winds pushed the fire towards the coastal road on Monday afternoon, officials said.',
    'About 1,800 residents spent the night in school gyms in the nearby town of Brenna.',
    'Are we ready for another summer like this?',
    'Click here for more pictures',
    'The regional government said the fire was the largest in the area since 2019 and could burn for several more days.',
  ].join('\n\n'),
};
