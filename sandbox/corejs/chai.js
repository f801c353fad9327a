// Makes chai's Proxy cheaper in goja. This file is the body of a function (chai, proxyOf)
// returning miss(target, property), which chai.go's Go get trap calls for a property the
// assertion does not have.
//
// chai wraps every Assertion in a Proxy whose get trap checks for misspelt properties and
// records a stack-start function on every access. In goja that trap dominated the cost of
// an assertion. proxyOf(obj) makes a Proxy whose get trap is in Go: it keeps the check (a
// missing property comes to miss, which delegates to chai's own proxy, so the "Invalid Chai
// property: x. Did you mean "y"?" error is chai's own) and drops the stack bookkeeping,
// which only shapes JS stack traces pmrun never shows.
'use strict';

var util = chai.util, config = chai.config;
var original = util.proxify;

util.proxify = function proxify(obj, nonChainableMethodName) {
    if (!config.useProxy || typeof Proxy === 'undefined' || nonChainableMethodName !== undefined) {
        return original(obj, nonChainableMethodName);
    }
    return proxyOf(obj);
};

return function miss(target, property) {
    if (config.proxyExcludedKeys.indexOf(property) === -1) {
        return original(target)[property];
    }
    return undefined;
};
