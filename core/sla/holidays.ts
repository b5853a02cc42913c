/**
 * @module Kazakhstan's public holidays for 2026–2027, the default holiday list of the business calendar
 * (seed 003 cl. 4: weekends and public holidays are served 10:00–19:00). Editable in the console settings.
 *
 * Sources and rules (Law "On holidays in the Republic of Kazakhstan", Labour Code art. 84):
 * - Fixed public holidays: 1–2 Jan New Year; 7 Jan Orthodox Christmas; 8 Mar International Women's Day;
 *   21–23 Mar Nauryz; 1 May Unity Day; 7 May Defender of the Fatherland Day; 9 May Victory Day; 6 Jul Capital Day;
 *   30 Aug Constitution Day; 25 Oct Republic Day; 16 Dec Independence Day.
 * - Kurban ait (first day) is movable: its date follows the Islamic calendar and is announced each year by the
 *   Spiritual Administration of Muslims of Kazakhstan; the dates below are the expected ones (27 May 2026,
 *   16 May 2027) and must be checked against the announcement.
 * - When a holiday falls on a Saturday or Sunday, the next working day is a day off ("transfer"); this does not
 *   apply to the religious holidays (7 Jan, Kurban ait). Government decrees may add further bridge days every
 *   year; those are not predictable and are added in the settings when published.
 * - A transferred day off keeps the weekend hours, like a holiday.
 */
import type { Holiday } from './model.ts';

export const KAZAKHSTAN_HOLIDAYS: readonly Holiday[] = [
  // 2026
  { date: '2026-01-01', name: 'Жаңа жыл / Новый год', kind: 'holiday' },
  { date: '2026-01-02', name: 'Жаңа жыл / Новый год', kind: 'holiday' },
  { date: '2026-01-07', name: 'Православиелік Рождество / Православное Рождество', kind: 'holiday' },
  { date: '2026-03-08', name: 'Халықаралық әйелдер күні / Международный женский день', kind: 'holiday' }, // Sunday
  { date: '2026-03-09', name: 'Ауыстырылған демалыс (8 наурыз) / Перенос выходного (8 марта)', kind: 'transfer' },
  { date: '2026-03-21', name: 'Наурыз мейрамы', kind: 'holiday' }, // Saturday
  { date: '2026-03-22', name: 'Наурыз мейрамы', kind: 'holiday' }, // Sunday
  { date: '2026-03-23', name: 'Наурыз мейрамы', kind: 'holiday' },
  { date: '2026-03-24', name: 'Ауыстырылған демалыс (Наурыз) / Перенос выходного (Наурыз)', kind: 'transfer' },
  { date: '2026-03-25', name: 'Ауыстырылған демалыс (Наурыз) / Перенос выходного (Наурыз)', kind: 'transfer' },
  { date: '2026-05-01', name: 'Қазақстан халқының бірлігі мерекесі / Праздник единства народа Казахстана', kind: 'holiday' },
  { date: '2026-05-07', name: 'Отан қорғаушы күні / День защитника Отечества', kind: 'holiday' },
  { date: '2026-05-09', name: 'Жеңіс күні / День Победы', kind: 'holiday' }, // Saturday
  { date: '2026-05-11', name: 'Ауыстырылған демалыс (9 мамыр) / Перенос выходного (9 мая)', kind: 'transfer' },
  { date: '2026-05-27', name: 'Құрбан айт (жылжымалы күн) / Курбан айт (подвижная дата)', kind: 'holiday' },
  { date: '2026-07-06', name: 'Астана күні / День столицы', kind: 'holiday' },
  { date: '2026-08-30', name: 'Конституция күні / День Конституции', kind: 'holiday' }, // Sunday
  { date: '2026-08-31', name: 'Ауыстырылған демалыс (30 тамыз) / Перенос выходного (30 августа)', kind: 'transfer' },
  { date: '2026-10-25', name: 'Республика күні / День Республики', kind: 'holiday' }, // Sunday
  { date: '2026-10-26', name: 'Ауыстырылған демалыс (25 қазан) / Перенос выходного (25 октября)', kind: 'transfer' },
  { date: '2026-12-16', name: 'Тәуелсіздік күні / День Независимости', kind: 'holiday' },
  // 2027
  { date: '2027-01-01', name: 'Жаңа жыл / Новый год', kind: 'holiday' },
  { date: '2027-01-02', name: 'Жаңа жыл / Новый год', kind: 'holiday' }, // Saturday
  { date: '2027-01-04', name: 'Ауыстырылған демалыс (2 қаңтар) / Перенос выходного (2 января)', kind: 'transfer' },
  { date: '2027-01-07', name: 'Православиелік Рождество / Православное Рождество', kind: 'holiday' },
  { date: '2027-03-08', name: 'Халықаралық әйелдер күні / Международный женский день', kind: 'holiday' },
  { date: '2027-03-21', name: 'Наурыз мейрамы', kind: 'holiday' }, // Sunday
  { date: '2027-03-22', name: 'Наурыз мейрамы', kind: 'holiday' },
  { date: '2027-03-23', name: 'Наурыз мейрамы', kind: 'holiday' },
  { date: '2027-03-24', name: 'Ауыстырылған демалыс (Наурыз) / Перенос выходного (Наурыз)', kind: 'transfer' },
  { date: '2027-05-01', name: 'Қазақстан халқының бірлігі мерекесі / Праздник единства народа Казахстана', kind: 'holiday' }, // Saturday
  { date: '2027-05-03', name: 'Ауыстырылған демалыс (1 мамыр) / Перенос выходного (1 мая)', kind: 'transfer' },
  { date: '2027-05-07', name: 'Отан қорғаушы күні / День защитника Отечества', kind: 'holiday' },
  { date: '2027-05-09', name: 'Жеңіс күні / День Победы', kind: 'holiday' }, // Sunday
  { date: '2027-05-10', name: 'Ауыстырылған демалыс (9 мамыр) / Перенос выходного (9 мая)', kind: 'transfer' },
  { date: '2027-05-16', name: 'Құрбан айт (жылжымалы күн) / Курбан айт (подвижная дата)', kind: 'holiday' },
  { date: '2027-07-06', name: 'Астана күні / День столицы', kind: 'holiday' },
  { date: '2027-08-30', name: 'Конституция күні / День Конституции', kind: 'holiday' },
  { date: '2027-10-25', name: 'Республика күні / День Республики', kind: 'holiday' },
  { date: '2027-12-16', name: 'Тәуелсіздік күні / День Независимости', kind: 'holiday' },
];
