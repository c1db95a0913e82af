// Search routes of the mock server (GET /api/v1/search/notices and
// /search/suggest), the same JSON as the real engine over the fixtures, with
// deliberately simple matching: every word must occur in the title,
// description or agency (or a UNSPSC code of the notice must fall under one
// of the query's expansions).

const DAY = 24 * 3600 * 1000;
const REGIONS = {
  africa: ['ET', 'KE', 'NG', 'SN', 'ML', 'YE'].filter((c) => c !== 'YE'),
  asia: ['AF', 'PK', 'YE'],
  europe: ['UA'],
  americas: ['CO'],
  oceania: [],
};
const regionOf = (country) => Object.keys(REGIONS).find((r) => REGIONS[r].includes(country));
const SUSTAINABLE = /solar|renewable|recycl|sustainab|solaire|太阳能/i;
const SORTS = ['relevance', 'deadline', 'published'];
const STATUSES = ['open', 'closing', 'closed'];

const escapeHtml = (text) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function highlight(text, words) {
  let html = escapeHtml(text);
  for (const word of words) {
    const safe = escapeHtml(word).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (safe) html = html.replace(new RegExp(`(${safe})`, 'gi'), '<mark>$1</mark>');
  }
  return html;
}

// Plain words of the query; unbalanced quotes or brackets mean the parser
// would have failed, so the query is read as words.
function parseQuery(q) {
  const quotes = (q.match(/"/g) ?? []).length;
  const depth = [...q].reduce((d, c) => (d < 0 ? d : c === '(' ? d + 1 : c === ')' ? d - 1 : d), 0);
  const reinterpreted = quotes % 2 === 1 || depth !== 0 || /\b(AND|OR)\s*$/.test(q.trim());
  const words = q
    .replace(/["()+]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !['AND', 'OR', 'NOT'].includes(w))
    .map((w) => w.toLowerCase());
  return { words, reinterpreted };
}

function statusOf(notice, now, closingDays) {
  const deadline = Date.parse(notice.deadline ?? '');
  if (['cancelled', 'unsuccessful', 'complete', 'withdrawn'].includes(notice.status)) return 'closed';
  if (Number.isNaN(deadline)) return 'open';
  if (deadline < now) return 'closed';
  return deadline <= now + closingDays * DAY ? 'closing' : 'open';
}

function count(values) {
  const counts = new Map();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .map(([value, n]) => ({ value, count: n }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

export function searchNotices(url, { notices, unspsc, expansions }, reply, problem) {
  const q = url.searchParams;
  const limit = Number(q.get('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return problem(422, 'limit must be between 1 and 100', 'limit');
  const sort = q.get('sort') ?? 'relevance';
  if (!SORTS.includes(sort)) return problem(422, 'sort must be relevance, deadline or published', 'sort');
  const statuses = q.getAll('status');
  if (statuses.some((s) => !STATUSES.includes(s))) return problem(422, 'status must be open, closing or closed', 'status');
  const cursor = q.get('cursor');
  let start = 0;
  if (cursor) {
    const match = cursor.match(/^([a-z])(\d+)$/);
    if (!match || match[1] !== sort[0]) return problem(422, 'the cursor is not valid for this search', 'cursor');
    start = Number(match[2]);
  }
  const started = process.hrtime.bigint();
  const now = Date.now();
  const closingDays = Number(q.get('closing_within_days') ?? 7);
  const lang = q.get('lang') ?? 'en';
  const text = (q.get('q') ?? '').slice(0, 1024);
  const { words, reinterpreted } = parseQuery(text);
  const removed = q.getAll('remove_code');
  const used =
    q.get('expand') === 'false'
      ? []
      : expansions.filter((e) => text.toLowerCase().includes(e.text) && !removed.includes(e.code)).slice(0, 5);

  const scored = [];
  for (const notice of notices) {
    const haystack = `${notice.title} ${notice.description ?? ''} ${notice.buyer}`.toLowerCase();
    const byWords = words.length > 0 && words.every((w) => haystack.includes(w));
    const byCode = used.some((e) => notice.unspsc.some((c) => c.startsWith(e.prefix)));
    if (words.length > 0 && !byWords && !byCode) continue;
    const score = words.length === 0 ? 0 : words.filter((w) => notice.title.toLowerCase().includes(w)).length * 5 + (byCode ? 3 : 0) + 1;
    scored.push({ notice, score, status: statusOf(notice, now, closingDays) });
  }
  const any = (name, test) => {
    const values = q.getAll(name);
    return (item) => values.length === 0 || values.some((v) => test(item, v));
  };
  const filters = [
    any('agency', ({ notice }, v) => notice.buyer.toLowerCase() === v.toLowerCase()),
    any('type', ({ notice }, v) => notice.type === v),
    any('country', ({ notice }, v) => notice.countries.includes(v.toUpperCase())),
    any('region', ({ notice }, v) => notice.countries.some((c) => regionOf(c) === v)),
    any('unspsc', ({ notice }, v) => notice.unspsc.some((c) => c.startsWith(v))),
    any('language', ({ notice }, v) => notice.title_language === v),
    any('status', ({ status }, v) => v === status || (v === 'open' && status === 'closing')),
    any('sustainable', ({ notice }, v) => SUSTAINABLE.test(`${notice.title} ${notice.description ?? ''}`) === (v === 'true')),
  ];
  const matches = scored.filter((item) => filters.every((f) => f(item)));
  const time = (value, missing) => (value ? Date.parse(value) : missing);
  if (sort === 'relevance') matches.sort((a, b) => b.score - a.score || a.notice.id - b.notice.id);
  if (sort === 'deadline') matches.sort((a, b) => time(a.notice.deadline, Infinity) - time(b.notice.deadline, Infinity) || a.notice.id - b.notice.id);
  if (sort === 'published') matches.sort((a, b) => time(b.notice.published, -Infinity) - time(a.notice.published, -Infinity) || a.notice.id - b.notice.id);

  const page = matches.slice(start, start + limit);
  const withFacets = q.get('facets') !== 'false';
  const facets = withFacets
    ? {
        agency: count(matches.map(({ notice }) => notice.buyer)),
        type: count(matches.map(({ notice }) => notice.type)),
        country: count(matches.flatMap(({ notice }) => notice.countries)),
        region: count(matches.flatMap(({ notice }) => [...new Set(notice.countries.map(regionOf).filter(Boolean))])),
        segment: count(matches.flatMap(({ notice }) => [...new Set(notice.unspsc.map((c) => c.slice(0, 2)))])),
        status: count(matches.flatMap(({ status }) => (status === 'closing' ? ['open', 'closing'] : [status]))),
        language: count(matches.map(({ notice }) => notice.title_language)),
      }
    : { agency: [], type: [], country: [], region: [], segment: [], status: [], language: [] };
  reply({
    hits: page.map(({ notice, score, status }) => ({
      id: notice.id,
      public_id: notice.public_id,
      title: notice.title,
      title_language: notice.title_language,
      agency: notice.buyer,
      buyer: notice.buyer,
      type: notice.type,
      countries: notice.countries,
      codes: notice.unspsc,
      published: notice.published ?? null,
      deadline: notice.deadline ?? null,
      status,
      score,
      title_html: highlight(notice.title, words),
      snippet_html: highlight((notice.description ?? '').slice(0, 200), words),
    })),
    total: matches.length,
    total_exact: withFacets,
    facets,
    expansions: used.map((e) => ({
      code: e.code,
      prefix: e.prefix,
      title: unspsc[e.code]?.titles[lang] ?? unspsc[e.code]?.titles.en ?? e.code,
      matched_text: e.text,
      matched_language: e.language,
    })),
    query_reinterpreted: reinterpreted,
    query_truncated: (q.get('q') ?? '').length > 1024,
    next_cursor: start + limit < matches.length ? `${sort[0]}${start + limit}` : null,
    elapsed_micros: Number((process.hrtime.bigint() - started) / 1000n),
  });
}

export function suggest(url, { notices, unspsc }, reply) {
  const prefix = (url.searchParams.get('q') ?? '').trim().toLowerCase();
  const lang = url.searchParams.get('lang') ?? 'en';
  const limit = Number(url.searchParams.get('limit') ?? 8);
  if (!prefix) return reply({ items: [] });
  const last = prefix.split(/\s+/).at(-1);
  const titles = notices
    .filter((n) => n.title.toLowerCase().split(/[\s,()’']+/).some((w) => w.startsWith(last)))
    .slice(0, Math.ceil(limit / 2))
    .map((n) => ({ kind: 'notice', text: n.title, id: n.id }));
  const codes = Object.values(unspsc)
    .filter((e) => (e.titles[lang] ?? e.titles.en).toLowerCase().startsWith(prefix))
    .slice(0, limit - titles.length)
    .map((e) => ({ kind: 'unspsc', text: e.titles[lang] ?? e.titles.en, code: e.code }));
  reply({ items: [...titles, ...codes] });
}
