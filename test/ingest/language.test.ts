import { describe, expect, it } from 'vitest';
import { franc } from 'franc-min';
import { data } from 'franc-min/data.js';
import { rng } from '../../src/bench/synth.js';
import { francCode } from '../../src/ingest/language.js';
import { detectLanguage } from '../../src/ingest/normalize.js';

// Texts written for this test, one per language (several scripts), plus edge cases.
const SAMPLES: Record<string, string> = {
  en: 'The city council voted on Tuesday to expand the night bus network, after months of complaints from shift workers who said the last trains left them stranded far from home.',
  fr: "Le conseil municipal a voté mardi l'extension du réseau de bus de nuit, après des mois de plaintes de travailleurs qui disaient rester bloqués loin de chez eux.",
  de: 'Der Stadtrat hat am Dienstag beschlossen, das Nachtbusnetz auszubauen, nachdem Schichtarbeiter monatelang geklagt hatten, dass sie nach dem letzten Zug nicht mehr nach Hause kämen.',
  es: 'El ayuntamiento votó el martes ampliar la red de autobuses nocturnos, después de meses de quejas de trabajadores que decían quedarse sin transporte lejos de sus casas.',
  it: 'Il consiglio comunale ha votato martedì per ampliare la rete degli autobus notturni, dopo mesi di lamentele dei lavoratori che restavano bloccati lontano da casa.',
  pt: 'A câmara municipal votou na terça-feira a ampliação da rede de autocarros noturnos, depois de meses de queixas de trabalhadores que ficavam sem transporte para casa.',
  nl: 'De gemeenteraad heeft dinsdag besloten het netwerk van nachtbussen uit te breiden, na maanden van klachten van ploegendienstwerkers die ver van huis strandden.',
  pl: 'Rada miasta zagłosowała we wtorek za rozbudową sieci autobusów nocnych po miesiącach skarg pracowników zmianowych, którzy utknęli daleko od domu.',
  cs: 'Městská rada v úterý odhlasovala rozšíření sítě nočních autobusů poté, co si pracovníci na směny měsíce stěžovali, že uvízli daleko od domova.',
  sv: 'Kommunfullmäktige röstade på tisdagen för att bygga ut nätet av nattbussar, efter månader av klagomål från skiftarbetare som blev strandsatta långt hemifrån.',
  fi: 'Kaupunginvaltuusto päätti tiistaina laajentaa yöbussiverkkoa, kun vuorotyöntekijät olivat kuukausia valittaneet jäävänsä jumiin kauas kotoa.',
  tr: 'Belediye meclisi salı günü gece otobüsü ağını genişletme kararı aldı; vardiyalı çalışanlar aylardır evden uzakta mahsur kaldıklarından şikayet ediyordu.',
  ru: 'Городской совет во вторник проголосовал за расширение сети ночных автобусов после многомесячных жалоб рабочих, которые оставались далеко от дома.',
  uk: 'Міська рада у вівторок проголосувала за розширення мережі нічних автобусів після багатомісячних скарг працівників, які залишалися далеко від дому.',
  bg: 'Общинският съвет гласува във вторник за разширяване на мрежата от нощни автобуси след месеци на оплаквания от работници на смени.',
  el: 'Το δημοτικό συμβούλιο ψήφισε την Τρίτη την επέκταση του δικτύου νυχτερινών λεωφορείων, μετά από μήνες παραπόνων από εργαζόμενους σε βάρδιες.',
  ar: 'صوت مجلس المدينة يوم الثلاثاء على توسيع شبكة الحافلات الليلية بعد أشهر من شكاوى العمال الذين قالوا إنهم يعلقون بعيدا عن منازلهم.',
  fa: 'شورای شهر روز سه‌شنبه به گسترش شبکه اتوبوس‌های شبانه رأی داد، پس از ماه‌ها شکایت کارگرانی که می‌گفتند دور از خانه گیر می‌افتند.',
  he: 'מועצת העיר הצביעה ביום שלישי בעד הרחבת רשת האוטובוסים הליליים, אחרי חודשים של תלונות מצד עובדי משמרות שנתקעו רחוק מהבית.',
  hi: 'नगर परिषद ने मंगलवार को रात्रि बस नेटवर्क के विस्तार के पक्ष में मतदान किया, क्योंकि पाली में काम करने वाले कर्मचारी महीनों से शिकायत कर रहे थे।',
  zh: '市议会周二投票决定扩大夜间公交网络，此前轮班工人数月来一直抱怨末班车开走后他们被困在离家很远的地方。',
  ja: '市議会は火曜日、夜間バス路線の拡大を可決した。交代勤務の労働者たちは、終電の後に家から遠く離れた場所で足止めされると何か月も訴えていた。',
  ko: '시의회는 화요일 야간 버스 노선 확대안을 통과시켰다. 교대 근무자들은 막차가 끊긴 뒤 집에서 먼 곳에 발이 묶인다고 몇 달째 호소해 왔다.',
  vi: 'Hội đồng thành phố hôm thứ Ba đã bỏ phiếu mở rộng mạng lưới xe buýt đêm sau nhiều tháng công nhân làm ca phàn nàn bị mắc kẹt xa nhà.',
  id: 'Dewan kota pada hari Selasa memutuskan untuk memperluas jaringan bus malam setelah berbulan-bulan keluhan dari pekerja shift yang terlantar jauh dari rumah.',
  th: 'สภาเมืองลงมติเมื่อวันอังคารให้ขยายเครือข่ายรถเมล์กลางคืน หลังจากพนักงานกะร้องเรียนมาหลายเดือนว่าติดค้างอยู่ไกลบ้าน',
  mixed: 'Breaking: Der Stadtrat voted 12-3. Le maire a dit "non". 市议会 2024-05-06 ... ok?!',
  digits: '1234567890 1234567890 1234567890 1234567890 1234567890 !!!',
  short: 'Hello there',
  empty: '',
};

describe('francCode: franc-min answers from tables built once', () => {
  it('gives franc-min answer on texts in many languages and scripts, and on edge cases', () => {
    for (const [name, text] of Object.entries(SAMPLES)) {
      for (const minLength of [10, 40]) {
        expect(francCode(text, minLength), `${name}, minLength ${minLength}`).toBe(franc(text, { minLength }));
      }
      // Repeated past franc-min's 2,048-character sample, and cut mid-word.
      const long = `${text} `.repeat(40);
      expect(francCode(long, 40), `${name} (long)`).toBe(franc(long, { minLength: 40 }));
      expect(francCode(text.slice(0, 57), 40), `${name} (cut)`).toBe(franc(text.slice(0, 57), { minLength: 40 }));
    }
  });

  it('gives franc-min answer on random mixtures of its own trigrams (near ties, mixed languages)', () => {
    const r = rng(11);
    const pools = Object.values(data).flatMap((langs) => Object.values(langs).map((m) => m.split('|')));
    for (let n = 0; n < 400; n++) {
      const parts: string[] = [];
      const langs = 1 + Math.floor(r() * 3);
      const chosen = Array.from({ length: langs }, () => pools[Math.floor(r() * pools.length)]!);
      const len = 5 + Math.floor(r() * 300);
      for (let k = 0; k < len; k++) {
        const pool = chosen[Math.floor(r() * chosen.length)]!;
        parts.push(pool[Math.floor(Math.pow(r(), 2) * pool.length)]!);
        if (r() < 0.1) parts.push(String(Math.floor(r() * 1000)));
      }
      const text = parts.join(r() < 0.5 ? '' : ' ');
      expect(francCode(text, 40), text.slice(0, 60)).toBe(franc(text, { minLength: 40 }));
    }
  });

  it('gives franc-min answer when scripts are mixed in near-equal shares, with and without astral characters', () => {
    const r = rng(5);
    // Ranges from many scripts (Latin, Greek, Cyrillic, Hebrew, Arabic, Devanagari, Bengali, Thai,
    // Georgian, Ethiopic, Hangul, Hiragana, Han, fullwidth forms), punctuation and digits.
    const ranges: Array<[number, number]> = [
      [0x41, 0x7a], [0xc0, 0x24f], [0x370, 0x3ff], [0x400, 0x4ff], [0x5d0, 0x5ea], [0x620, 0x64a], [0x900, 0x97f],
      [0x980, 0x9ff], [0xe01, 0xe5b], [0x10a0, 0x10ff], [0x1200, 0x137f], [0xac00, 0xd7a3], [0x3041, 0x3096],
      [0x4e00, 0x9fff], [0xff01, 0xff5e], [0x20, 0x40],
    ];
    const astral = ['\u{20000}', '\u{1F600}', '\u{1D400}', '\u{16FE2}'];
    for (let n = 0; n < 300; n++) {
      const picked = Array.from({ length: 1 + Math.floor(r() * 4) }, () => ranges[Math.floor(r() * ranges.length)]!);
      let text = '';
      const len = 40 + Math.floor(r() * 400);
      while (text.length < len) {
        if (n % 3 === 0 && r() < 0.05) text += astral[Math.floor(r() * astral.length)]!;
        const [lo, hi] = picked[Math.floor(r() * picked.length)]!;
        text += String.fromCharCode(lo + Math.floor(r() * (hi - lo + 1)));
        if (r() < 0.15) text += ' ';
      }
      expect(francCode(text, 10), JSON.stringify(text.slice(0, 40))).toBe(franc(text, { minLength: 10 }));
    }
  });

  it('keeps detectLanguage answers (ISO 639-1)', () => {
    expect(detectLanguage(SAMPLES.en!)).toBe('en');
    expect(detectLanguage(SAMPLES.de!)).toBe('de');
    expect(detectLanguage(SAMPLES.ru!)).toBe('ru');
    expect(detectLanguage(SAMPLES.short!)).toBe('und');
  });
});
