// Records what Node's Intl answers for the expressions of sandbox/intl_test.go's table:
//   node sandbox/testdata/intl/record.js > sandbox/testdata/intl/node20.json
// Each expression runs once per locale, with L bound to the locale and D, E to two dates.
'use strict';
const locales = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP'];
const expressions = [
    '(1234.5).toLocaleString(L)',
    '(1234567.891).toLocaleString(L)',
    '(-0.5).toLocaleString(L)',
    '(0).toLocaleString(L)',
    '(-0.0001).toLocaleString(L)',
    '(0.9996).toLocaleString(L)',
    '(1e21).toLocaleString(L)',
    '(123456789n).toLocaleString(L)',
    '(1.005).toLocaleString(L, { maximumFractionDigits: 2 })',
    '(2.5).toLocaleString(L, { maximumFractionDigits: 0 })',
    '(0.5).toLocaleString(L, { minimumFractionDigits: 2 })',
    '(1234.5678).toLocaleString(L, { minimumFractionDigits: 1, maximumFractionDigits: 1 })',
    '(1234.5678).toLocaleString(L, { maximumSignificantDigits: 3 })',
    '(7).toLocaleString(L, { minimumIntegerDigits: 2 })',
    '(1234567.5).toLocaleString(L, { useGrouping: false })',
    'new Intl.NumberFormat(L, { style: "percent" }).format(0.256)',
    'new Intl.NumberFormat(L, { style: "percent", maximumFractionDigits: 1 }).format(-0.12345)',
    'new Intl.NumberFormat(L, { style: "percent" }).format(12.5)',
    'new Intl.NumberFormat(L, { style: "currency", currency: "EUR" }).format(1234.5)',
    'new Intl.NumberFormat(L, { style: "currency", currency: "USD" }).format(-1234567.891)',
    'new Intl.NumberFormat(L, { style: "currency", currency: "GBP" }).format(0.5)',
    'new Intl.NumberFormat(L, { style: "currency", currency: "JPY" }).format(1234.5)',
    'new Intl.NumberFormat(L, { style: "currency", currency: "USD", currencyDisplay: "code" }).format(12)',
    'new Intl.NumberFormat(L, { style: "currency", currency: "EUR", minimumFractionDigits: 0 }).format(12)',
    'new Intl.NumberFormat(L, { signDisplay: "always" }).format(5)',
    'new Intl.NumberFormat(L).format(NaN)',
    'new Intl.NumberFormat(L).format(-Infinity)',
    'JSON.stringify(new Intl.NumberFormat(L, { style: "currency", currency: "EUR" }).formatToParts(-1234.56))',
    'JSON.stringify(new Intl.NumberFormat(L).formatToParts(1234567.891))',
    'JSON.stringify(new Intl.NumberFormat(L, { style: "percent" }).formatToParts(0.5))',
    'JSON.stringify(new Intl.NumberFormat(L, { style: "currency", currency: "JPY" }).resolvedOptions())',
    'JSON.stringify(["b", "a", "B", "ä", "z", "A"].sort(new Intl.Collator(L).compare))',
    '"a".localeCompare("B", L)',
    '"a".localeCompare("A", L, { sensitivity: "base" })',
    '"résumé".localeCompare("resume", L, { sensitivity: "accent" })',
    'JSON.stringify(["10", "9", "1", "100"].sort(new Intl.Collator(L, { numeric: true }).compare))',
    'JSON.stringify([0, 1, 2, 1.5, 5].map((n) => new Intl.PluralRules(L).select(n)))',
    'JSON.stringify([1, 2, 3, 4, 11, 21, 22, 23].map((n) => new Intl.PluralRules(L, { type: "ordinal" }).select(n)))',
    'JSON.stringify(new Intl.PluralRules(L).resolvedOptions().pluralCategories)',
    // D is 2026-12-06T18:05:09.123Z, E is 2026-01-05T00:03:00Z.
    'D.toLocaleString(L, { timeZone: "UTC" })',
    'D.toLocaleDateString(L, { timeZone: "UTC" })',
    'D.toLocaleTimeString(L, { timeZone: "UTC" })',
    'E.toLocaleString(L, { timeZone: "UTC" })',
    'E.toLocaleTimeString(L, { timeZone: "UTC", hour12: true })',
    'E.toLocaleTimeString(L, { timeZone: "UTC", hour12: false })',
    'E.toLocaleTimeString(L, { timeZone: "UTC", hourCycle: "h23", hour: "2-digit", minute: "2-digit" })',
    'D.toLocaleString(L, { timeZone: "Europe/Berlin" })',
    'D.toLocaleString(L, { timeZone: "America/New_York" })',
    'D.toLocaleString(L, { timeZone: "Asia/Kolkata", timeZoneName: "shortOffset" })',
    'D.toLocaleString(L, { timeZone: "UTC", timeZoneName: "short" })',
    'D.toLocaleString(L, { timeZone: "Europe/Berlin", timeZoneName: "short" })',
    'D.toLocaleString(L, { timeZone: "America/New_York", timeZoneName: "short" })',
    'D.toLocaleString(L, { timeZone: "Europe/Berlin", timeZoneName: "long" })',
    'E.toLocaleString(L, { timeZone: "America/Los_Angeles", timeZoneName: "long" })',
    'new Date(Date.UTC(2026, 6, 1, 12)).toLocaleString(L, { timeZone: "Europe/Paris", timeZoneName: "short" })',
    'D.toLocaleString(L, { timeZone: "UTC", timeZoneName: "long" })',
    'D.toLocaleDateString(L, { timeZone: "UTC", year: "numeric", month: "long", day: "numeric" })',
    'D.toLocaleDateString(L, { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" })',
    'D.toLocaleDateString(L, { timeZone: "UTC", weekday: "long", year: "numeric", month: "long", day: "numeric" })',
    'D.toLocaleDateString(L, { timeZone: "UTC", weekday: "short", month: "short", day: "numeric" })',
    'E.toLocaleDateString(L, { timeZone: "UTC", day: "2-digit", month: "2-digit", year: "numeric" })',
    'D.toLocaleDateString(L, { timeZone: "UTC", month: "long", year: "numeric" })',
    'D.toLocaleDateString(L, { timeZone: "UTC", month: "long" })',
    'D.toLocaleDateString(L, { timeZone: "UTC", weekday: "long" })',
    'D.toLocaleDateString(L, { timeZone: "UTC", year: "2-digit", month: "2-digit", day: "2-digit" })',
    'D.toLocaleTimeString(L, { timeZone: "UTC", hour: "numeric", minute: "2-digit" })',
    'D.toLocaleTimeString(L, { timeZone: "UTC", hour: "2-digit", minute: "2-digit", second: "2-digit", fractionalSecondDigits: 3 })',
    'D.toLocaleString(L, { timeZone: "UTC", month: "short", day: "numeric", hour: "numeric", minute: "numeric" })',
    'D.toLocaleString(L, { timeZone: "UTC", dateStyle: "full", timeStyle: "long" })',
    'D.toLocaleString(L, { timeZone: "UTC", dateStyle: "long", timeStyle: "short" })',
    'D.toLocaleString(L, { timeZone: "UTC", dateStyle: "medium", timeStyle: "medium" })',
    'D.toLocaleString(L, { timeZone: "UTC", dateStyle: "short", timeStyle: "short", hour12: false })',
    'D.toLocaleDateString(L, { timeZone: "UTC", dateStyle: "medium" })',
    'D.toLocaleTimeString(L, { timeZone: "UTC", timeStyle: "short" })',
    'new Intl.DateTimeFormat(L, { timeZone: "UTC" }).format(D)',
    'JSON.stringify(new Intl.DateTimeFormat(L, { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" }).formatToParts(D))',
    'JSON.stringify(new Intl.DateTimeFormat(L, { timeZone: "utc", hour: "numeric" }).resolvedOptions())',
    'JSON.stringify(new Intl.DateTimeFormat(L, { timeZone: "UTC", month: "numeric", day: "numeric" }).formatToParts(E))',
    'new Date(NaN).toLocaleString(L)'
];
const D = new Date(Date.UTC(2026, 11, 6, 18, 5, 9, 123));
const E = new Date(Date.UTC(2026, 0, 5, 0, 3, 0));
const out = { node: process.version, cases: [] };
for (const L of locales) {
    for (const expr of expressions) {
        // eslint-disable-next-line no-new-func
        out.cases.push({ locale: L, expr, want: String(new Function('L', 'D', 'E', 'return ' + expr)(L, D, E)) });
    }
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
