// Makes chai's Proxy cheaper in goja. This file is the body of a function (chai).
//
// chai wraps every Assertion in a Proxy whose get trap checks for misspelt properties and
// records a stack-start function on every access. In goja that trap dominates the cost of an
// assertion. This lean trap keeps the check (delegating to chai's own proxy when a property is
// unknown, so the "Invalid Chai property: x. Did you mean "y"?" error is chai's own) and drops
// the stack bookkeeping, which only shapes JS stack traces pmrun never shows.
'use strict';

var util = chai.util, config = chai.config;
var original = util.proxify;
var excluded = config.proxyExcludedKeys;
var handler = {
    get: function (target, property) {
        if (typeof property === 'string' && !(property in target) && excluded.indexOf(property) === -1) {
            return original(target)[property];
        }
        return target[property];
    }
};

util.proxify = function proxify(obj, nonChainableMethodName) {
    if (!config.useProxy || typeof Proxy === 'undefined' || nonChainableMethodName !== undefined) {
        return original(obj, nonChainableMethodName);
    }
    return new Proxy(obj, handler);
};
