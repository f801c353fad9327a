// Intl for goja: NumberFormat, Collator, PluralRules and the locale-sensitive methods of
// Number, BigInt and String. Option handling follows ECMA-402; formatting, collation and
// plural rules are CLDR data in Go (intl.go). This file is the body of a function (native).
'use strict';

var DEFAULT_LOCALE = 'en-US';

var hidden = function (obj, props) {
    Object.keys(props).forEach(function (k) {
        Object.defineProperty(obj, k, { value: props[k], writable: true, configurable: true, enumerable: false });
    });
};

var canonicalizeLocaleList = function (locales) {
    if (locales === undefined) { return []; }
    var list = typeof locales === 'string' || (typeof locales === 'object' && locales !== null && !Array.isArray(locales) &&
        typeof locales.length !== 'number') ? [locales] : Array.from(locales);
    var out = [];
    list.forEach(function (l) {
        if (typeof l !== 'string' && (typeof l !== 'object' || l === null)) {
            throw new TypeError('Language ID should be string or object.');
        }
        var c = native.canonicalLocale(String(l));
        out.indexOf(c) < 0 && out.push(c);
    });
    return out;
};

var resolveLocale = function (locales) {
    var list = canonicalizeLocaleList(locales);
    return list.length ? list[0] : DEFAULT_LOCALE;
};

var getOption = function (options, name, type, values, fallback) {
    var v = options[name];
    if (v === undefined) { return fallback; }
    if (type === 'boolean') { return Boolean(v); }
    v = String(v);
    if (values && values.indexOf(v) < 0) {
        throw new RangeError('Value ' + v + ' out of range for Intl.' + getOption.ctor + ' options property ' + name);
    }
    return v;
};

var getNumberOption = function (options, name, minimum, maximum, fallback) {
    var v = options[name];
    if (v === undefined) { return fallback; }
    v = Number(v);
    if (Number.isNaN(v) || v < minimum || v > maximum) { throw new RangeError(name + ' value is out of range.'); }
    return Math.floor(v);
};

var toOptions = function (options) {
    if (options === undefined) { return Object.create(null); }
    if (options === null) { throw new TypeError('Cannot convert undefined or null to object'); }
    return Object(options);
};

var supportedLocalesOf = function (locales) { return canonicalizeLocaleList(locales); };

// NumberFormat -----------------------------------------------------------------------------------
var kResolved = Symbol('resolved');

function NumberFormat (locales, options) {
    if (!(this instanceof NumberFormat)) { return new NumberFormat(locales, options); }
    getOption.ctor = 'NumberFormat';
    var locale = resolveLocale(locales);
    options = toOptions(options);
    getOption(options, 'localeMatcher', 'string', ['lookup', 'best fit'], 'best fit');
    var style = getOption(options, 'style', 'string', ['decimal', 'percent', 'currency', 'unit'], 'decimal');
    if (style === 'unit') { throw new RangeError('Intl.NumberFormat style "unit" is not supported by pmrun'); }
    var currency = getOption(options, 'currency', 'string');
    if (currency !== undefined && !/^[A-Za-z]{3}$/.test(currency)) { throw new RangeError('Invalid currency code : ' + currency); }
    if (style === 'currency' && currency === undefined) { throw new TypeError('Currency code is required with currency style.'); }
    var currencyDisplay = getOption(options, 'currencyDisplay', 'string', ['code', 'symbol', 'narrowSymbol', 'name'], 'symbol');
    var currencySign = getOption(options, 'currencySign', 'string', ['standard', 'accounting'], 'standard');
    var notation = getOption(options, 'notation', 'string', ['standard', 'scientific', 'engineering', 'compact'], 'standard');
    if (notation !== 'standard') { throw new RangeError('Intl.NumberFormat notation "' + notation + '" is not supported by pmrun'); }
    var cDigits = style === 'currency' ? native.currencyDigits(currency) : 0;
    var mnfdDefault = style === 'currency' ? cDigits : 0;
    var mxfdDefault = style === 'currency' ? cDigits : style === 'percent' ? 0 : 3;
    var r = { locale: locale, numberingSystem: 'latn', style: style };
    if (style === 'currency') {
        r.currency = currency.toUpperCase();
        r.currencyDisplay = currencyDisplay;
        r.currencySign = currencySign;
    }
    r.minimumIntegerDigits = getNumberOption(options, 'minimumIntegerDigits', 1, 21, 1);
    var mnsd = options.minimumSignificantDigits, mxsd = options.maximumSignificantDigits;
    if (mnsd !== undefined || mxsd !== undefined) {
        r.minimumSignificantDigits = getNumberOption(options, 'minimumSignificantDigits', 1, 21, 1);
        r.maximumSignificantDigits = getNumberOption(options, 'maximumSignificantDigits', r.minimumSignificantDigits, 21, 21);
    }
    var mnfd = getNumberOption(options, 'minimumFractionDigits', 0, 100, undefined);
    var mxfd = getNumberOption(options, 'maximumFractionDigits', 0, 100, undefined);
    if (mnfd === undefined) { mnfd = Math.min(mnfdDefault, mxfd === undefined ? mnfdDefault : mxfd); }
    if (mxfd === undefined) { mxfd = Math.max(mxfdDefault, mnfd); }
    else if (mnfd > mxfd) { throw new RangeError('maximumFractionDigits value is out of range.'); }
    r.minimumFractionDigits = mnfd;
    r.maximumFractionDigits = mxfd;
    var grouping = options.useGrouping;
    r.useGrouping = grouping === undefined ? 'auto' : grouping === false || grouping === 'false' ? false : grouping === true ? 'always' : String(grouping);
    r.notation = notation;
    r.signDisplay = getOption(options, 'signDisplay', 'string', ['auto', 'never', 'always', 'exceptZero', 'negative'], 'auto');
    r.roundingMode = 'halfExpand';
    r.roundingIncrement = 1;
    r.trailingZeroDisplay = 'auto';
    r.roundingPriority = 'auto';
    hidden(this, {});
    this[kResolved] = r;
}

var numberParts = function (nf, value) {
    var r = nf[kResolved];
    var x = typeof value === 'bigint' ? value : Number(value);
    var native_ = {
        style: r.style, currency: r.currency, currencyDisplay: r.currencyDisplay,
        minimumIntegerDigits: r.minimumIntegerDigits,
        minimumFractionDigits: r.maximumSignificantDigits ? 0 : r.minimumFractionDigits,
        maximumFractionDigits: r.maximumSignificantDigits ? 100 : r.maximumFractionDigits,
        minimumSignificantDigits: r.minimumSignificantDigits, maximumSignificantDigits: r.maximumSignificantDigits,
        useGrouping: r.useGrouping !== false
    };
    var parts = native.numberParts(r.locale, native_, x);
    if (r.signDisplay === 'never') { parts = parts.filter(function (p) { return p.type !== 'minusSign'; }); }
    else if ((r.signDisplay === 'always' || (r.signDisplay === 'exceptZero' && x != 0)) && // eslint-disable-line eqeqeq
        !parts.some(function (p) { return p.type === 'minusSign'; })) {
        parts.unshift({ type: 'plusSign', value: '+' });
    }
    return parts;
};

Object.defineProperty(NumberFormat.prototype, 'format', {
    configurable: true,
    get: function () {
        var self = this;
        if (!self[kResolved]) { throw new TypeError('Method get Intl.NumberFormat.prototype.format called on incompatible receiver ' + String(self)); }
        if (!self._bound) {
            hidden(self, { _bound: function (value) { return numberParts(self, value).map(function (p) { return p.value; }).join(''); } });
        }
        return self._bound;
    }
});
hidden(NumberFormat.prototype, {
    formatToParts: function (value) { return numberParts(this, value); },
    resolvedOptions: function () { return Object.assign({}, this[kResolved]); }
});
Object.defineProperty(NumberFormat.prototype, Symbol.toStringTag, { value: 'Intl.NumberFormat', configurable: true });
NumberFormat.supportedLocalesOf = supportedLocalesOf;

// Collator ---------------------------------------------------------------------------------------
function Collator (locales, options) {
    if (!(this instanceof Collator)) { return new Collator(locales, options); }
    getOption.ctor = 'Collator';
    options = toOptions(options);
    var usage = getOption(options, 'usage', 'string', ['sort', 'search'], 'sort');
    var sensitivity = getOption(options, 'sensitivity', 'string', ['base', 'accent', 'case', 'variant'], 'variant');
    hidden(this, {});
    this[kResolved] = {
        locale: resolveLocale(locales), usage: usage, sensitivity: sensitivity,
        ignorePunctuation: getOption(options, 'ignorePunctuation', 'boolean', null, false),
        collation: 'default',
        numeric: getOption(options, 'numeric', 'boolean', null, false),
        caseFirst: getOption(options, 'caseFirst', 'string', ['upper', 'lower', 'false'], 'false')
    };
}
Object.defineProperty(Collator.prototype, 'compare', {
    configurable: true,
    get: function () {
        var self = this;
        if (!self._bound) {
            var r = self[kResolved];
            var o = { sensitivity: r.sensitivity, numeric: String(r.numeric), ignorePunctuation: String(r.ignorePunctuation) };
            hidden(self, { _bound: function (a, b) { return native.compare(r.locale, o, String(a), String(b)); } });
        }
        return self._bound;
    }
});
hidden(Collator.prototype, { resolvedOptions: function () { return Object.assign({}, this[kResolved]); } });
Object.defineProperty(Collator.prototype, Symbol.toStringTag, { value: 'Intl.Collator', configurable: true });
Collator.supportedLocalesOf = supportedLocalesOf;

// PluralRules ------------------------------------------------------------------------------------
function PluralRules (locales, options) {
    if (!(this instanceof PluralRules)) { throw new TypeError("Constructor Intl.PluralRules requires 'new'"); }
    getOption.ctor = 'PluralRules';
    options = toOptions(options);
    var type = getOption(options, 'type', 'string', ['cardinal', 'ordinal'], 'cardinal');
    var mnfd = getNumberOption(options, 'minimumFractionDigits', 0, 100, 0);
    var mxfd = getNumberOption(options, 'maximumFractionDigits', mnfd, 100, Math.max(3, mnfd));
    hidden(this, {});
    this[kResolved] = { locale: resolveLocale(locales), type: type, minimumIntegerDigits: 1,
        minimumFractionDigits: mnfd, maximumFractionDigits: mxfd };
}
hidden(PluralRules.prototype, {
    select: function (n) {
        var r = this[kResolved];
        var x = Number(n);
        if (!Number.isFinite(x)) { return 'other'; }
        var s = x.toFixed(r.maximumFractionDigits);
        if (s.indexOf('.') >= 0) {
            var keep = s.length - (s.length - s.indexOf('.') - 1 - r.minimumFractionDigits);
            s = s.replace(/0+$/, '');
            if (s.length < keep) { s = s + '0'.repeat(keep - s.length); }
            s = s.replace(/\.$/, '');
        }
        return native.plural(r.locale, r.type, s);
    },
    resolvedOptions: function () {
        var r = Object.assign({}, this[kResolved]);
        r.pluralCategories = ['few', 'many', 'one', 'other', 'two', 'zero'].filter(function (c) {
            for (var i = 0; i < 200; i++) {
                if (native.plural(r.locale, r.type, String(i)) === c || native.plural(r.locale, r.type, i + '.5') === c) { return true; }
            }
            return false;
        });
        return r;
    }
});
Object.defineProperty(PluralRules.prototype, Symbol.toStringTag, { value: 'Intl.PluralRules', configurable: true });
PluralRules.supportedLocalesOf = supportedLocalesOf;

// DateTimeFormat ---------------------------------------------------------------------------------
var dateFields = ['weekday', 'era', 'year', 'month', 'day', 'dayPeriod', 'hour', 'minute', 'second',
    'fractionalSecondDigits', 'timeZoneName'];
var dateValues = {
    weekday: ['narrow', 'short', 'long'], era: ['narrow', 'short', 'long'], year: ['2-digit', 'numeric'],
    month: ['2-digit', 'numeric', 'narrow', 'short', 'long'], day: ['2-digit', 'numeric'],
    dayPeriod: ['narrow', 'short', 'long'], hour: ['2-digit', 'numeric'], minute: ['2-digit', 'numeric'],
    second: ['2-digit', 'numeric'],
    timeZoneName: ['short', 'long', 'shortOffset', 'longOffset', 'shortGeneric', 'longGeneric']
};
var styles = ['full', 'long', 'medium', 'short'];

// toDateTimeOptions adds the default fields (ECMA-402 ToDateTimeOptions): required is
// 'date', 'time' or 'any'; defaults is 'date', 'time' or 'all'.
var toDateTimeOptions = function (options, required, defaults) {
    options = options === undefined ? {} : Object.assign(Object.create(null), toOptions(options));
    var needDefaults = true;
    if (required === 'date' || required === 'any') {
        ['weekday', 'year', 'month', 'day'].forEach(function (k) { if (options[k] !== undefined) { needDefaults = false; } });
    }
    if (required === 'time' || required === 'any') {
        ['dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits'].forEach(function (k) {
            if (options[k] !== undefined) { needDefaults = false; }
        });
    }
    if (options.dateStyle !== undefined || options.timeStyle !== undefined) { needDefaults = false; }
    if (required === 'date' && options.timeStyle !== undefined) {
        throw new TypeError('Invalid option : timeStyle');
    }
    if (required === 'time' && options.dateStyle !== undefined) {
        throw new TypeError('Invalid option : dateStyle');
    }
    if (needDefaults && (defaults === 'date' || defaults === 'all')) {
        options.year = options.month = options.day = 'numeric';
    }
    if (needDefaults && (defaults === 'time' || defaults === 'all')) {
        options.hour = options.minute = options.second = 'numeric';
    }
    return options;
};

function DateTimeFormat (locales, options) {
    if (!(this instanceof DateTimeFormat)) { return new DateTimeFormat(locales, options); }
    initDateTimeFormat(this, locales, options, 'any', 'date');
}

var makeDateTimeFormat = function (locales, options, required, defaults) {
    var f = Object.create(DateTimeFormat.prototype);
    initDateTimeFormat(f, locales, options, required, defaults);
    return f;
};

function initDateTimeFormat (self, locales, options, required, defaults) {
    getOption.ctor = 'DateTimeFormat';
    var locale = resolveLocale(locales);
    options = toDateTimeOptions(options, required, defaults);
    getOption(options, 'localeMatcher', 'string', ['lookup', 'best fit'], 'best fit');
    var calendar = getOption(options, 'calendar', 'string');
    if (calendar !== undefined && calendar !== 'gregory') { throw new RangeError('Calendar ' + calendar + ' is not supported by pmrun'); }
    var hour12 = options.hour12 === undefined ? undefined : Boolean(options.hour12);
    var hourCycle = getOption(options, 'hourCycle', 'string', ['h11', 'h12', 'h23', 'h24']);
    var tz = options.timeZone === undefined ? native.hostTimeZone() : native.timeZone(String(options.timeZone));
    var r = { locale: locale, calendar: 'gregory', numberingSystem: 'latn', timeZone: tz };
    var f = {};
    dateFields.forEach(function (k) {
        if (k === 'fractionalSecondDigits') {
            f[k] = getNumberOption(options, k, 1, 3, undefined);
        }
        else { f[k] = getOption(options, k, 'string', dateValues[k]); }
    });
    var dateStyle = getOption(options, 'dateStyle', 'string', styles);
    var timeStyle = getOption(options, 'timeStyle', 'string', styles);
    if (dateStyle !== undefined || timeStyle !== undefined) {
        dateFields.forEach(function (k) {
            if (f[k] !== undefined) { throw new TypeError('Can\'t set option ' + k + ' when ' + (dateStyle !== undefined ? 'dateStyle' : 'timeStyle') + ' is used'); }
        });
    }
    if (f.era !== undefined || f.dayPeriod !== undefined) { throw new RangeError('Intl.DateTimeFormat options era and dayPeriod are not supported by pmrun'); }
    var hasHour = f.hour !== undefined || timeStyle !== undefined;
    if (hasHour) {
        var hcDefault = native.preferredHour(locale) === 'h' ? 'h12' : 'h23';
        var hc = hourCycle || hcDefault;
        if (hour12 !== undefined) {
            hc = hour12 ? (hcDefault === 'h11' || hcDefault === 'h23' ? 'h11' : 'h12') :
                (hcDefault === 'h11' || hcDefault === 'h23' ? 'h23' : 'h24');
        }
        r.hourCycle = hc;
        r.hour12 = hc === 'h11' || hc === 'h12';
    }
    dateFields.forEach(function (k) { if (f[k] !== undefined) { r[k] = f[k]; } });
    if (r.hour !== undefined && r.minute !== undefined) { r.minute = '2-digit'; }
    if (r.minute !== undefined && r.second !== undefined) { r.second = '2-digit'; }
    if (dateStyle !== undefined) { r.dateStyle = dateStyle; }
    if (timeStyle !== undefined) { r.timeStyle = timeStyle; }
    var forGo = {
        locale: locale, timeZone: tz, hourCycle: (hourCycle || hour12 !== undefined) && r.hourCycle ? r.hourCycle : '',
        weekday: f.weekday || '', year: f.year || '', month: f.month || '', day: f.day || '', hour: f.hour || '',
        minute: f.minute || '', second: f.second || '', fractionalSecondDigits: f.fractionalSecondDigits || 0,
        timeZoneName: f.timeZoneName || '', dateStyle: dateStyle || '', timeStyle: timeStyle || ''
    };
    hidden(self, { _go: JSON.stringify(forGo) });
    if (dateStyle === undefined && timeStyle === undefined) { widthsFromPattern(r, native.datePattern(self._go)); }
    self[kResolved] = r;
}

// widthsFromPattern reports the field widths of the chosen pattern, as ICU does.
var widthsFromPattern = function (r, pattern) {
    var text = ['short', 'long', 'narrow'];
    var num = function (n) { return n >= 2 ? '2-digit' : 'numeric'; };
    pattern.replace(/'[^']*'/g, '').replace(/([A-Za-z])\1*/g, function (run) {
        var c = run[0], n = run.length;
        if (c === 'y' && r.year) { r.year = n === 2 ? '2-digit' : 'numeric'; }
        else if ((c === 'M' || c === 'L') && r.month) { r.month = n <= 2 ? num(n) : text[Math.min(n, 5) - 3]; }
        else if (c === 'd' && r.day) { r.day = num(n); }
        else if ('hHKk'.indexOf(c) >= 0 && r.hour) { r.hour = num(n); }
        else if (c === 'm' && r.minute) { r.minute = num(n); }
        else if (c === 's' && r.second) { r.second = num(n); }
        return run;
    });
};

var toEpoch = function (date) {
    var x = date === undefined ? Date.now() : typeof date === 'object' && date !== null && date instanceof Date ? date.getTime() : Number(date);
    if (!Number.isFinite(x) || Math.abs(x) > 8.64e15) { throw new RangeError('Invalid time value'); }
    return x;
};

Object.defineProperty(DateTimeFormat.prototype, 'format', {
    configurable: true,
    get: function () {
        var self = this;
        if (!self._bound) {
            hidden(self, { _bound: function (date) {
                // V8 writes U+202F (CLDR's space before AM/PM) as a plain space in format().
                return native.dateParts(self._go, toEpoch(date)).map(function (p) { return p.value; }).join('')
                    .replace(/\u202f/g, ' ');
            } });
        }
        return self._bound;
    }
});
hidden(DateTimeFormat.prototype, {
    formatToParts: function (date) { return native.dateParts(this._go, toEpoch(date)); },
    resolvedOptions: function () { return Object.assign({}, this[kResolved]); }
});
Object.defineProperty(DateTimeFormat.prototype, Symbol.toStringTag, { value: 'Intl.DateTimeFormat', configurable: true });
DateTimeFormat.supportedLocalesOf = supportedLocalesOf;

// Intl and the locale-sensitive built-ins ---------------------------------------------------------
var Intl = {};
hidden(Intl, {
    NumberFormat: NumberFormat, Collator: Collator, PluralRules: PluralRules, DateTimeFormat: DateTimeFormat,
    getCanonicalLocales: function (locales) { return canonicalizeLocaleList(locales); }
});
Object.defineProperty(Intl, Symbol.toStringTag, { value: 'Intl', configurable: true });
Object.defineProperty(globalThis, 'Intl', { value: Intl, writable: true, configurable: true, enumerable: false });

// The last formatter used without options, per locale argument, is kept: scripts call
// toLocaleString in loops.
var cached = function (Ctor) {
    var memo = new Map();
    return function (locales, options) {
        if (options !== undefined || (locales !== undefined && typeof locales !== 'string')) { return new Ctor(locales, options); }
        var f = memo.get(locales);
        if (!f) { f = new Ctor(locales); memo.set(locales, f); }
        return f;
    };
};
var numberFormatFor = cached(NumberFormat), collatorFor = cached(Collator);

hidden(Number.prototype, {
    toLocaleString: function toLocaleString (locales, options) {
        if (typeof this !== 'number' && !(this instanceof Number)) {
            throw new TypeError('Number.prototype.toLocaleString requires that \'this\' be a Number');
        }
        return numberFormatFor(locales, options).format(Number(this));
    }
});
if (typeof BigInt === 'function') {
    hidden(BigInt.prototype, {
        toLocaleString: function toLocaleString (locales, options) {
            return numberFormatFor(locales, options).format(BigInt.prototype.valueOf.call(this));
        }
    });
}
hidden(String.prototype, {
    localeCompare: function localeCompare (that, locales, options) {
        if (this === null || this === undefined) {
            throw new TypeError('String.prototype.localeCompare called on null or undefined');
        }
        return collatorFor(locales, options).compare(String(this), String(that));
    }
});

// Date's locale methods: each has its own required fields and defaults (ECMA-402).
var dateMethod = function (name, required, defaults) {
    var memo = new Map();
    hidden(Date.prototype, { [name]: function (locales, options) {
        if (!(this instanceof Date)) { throw new TypeError('this is not a Date object.'); }
        var x = this.getTime();
        if (Number.isNaN(x)) { return 'Invalid Date'; }
        var f;
        if (options === undefined && (locales === undefined || typeof locales === 'string')) {
            f = memo.get(locales);
            if (!f) { f = makeDateTimeFormat(locales, undefined, required, defaults); memo.set(locales, f); }
        }
        else { f = makeDateTimeFormat(locales, options, required, defaults); }
        return f.format(x);
    } });
};
dateMethod('toLocaleString', 'any', 'all');
dateMethod('toLocaleDateString', 'date', 'date');
dateMethod('toLocaleTimeString', 'time', 'time');
