// The parts of postman-collection that scripts build themselves and that the sandbox's
// object model (js/model.js) does not have: MutationTracker, VariableScope, Item,
// ItemGroup and Collection. They are added to the model, so require('postman-collection')
// and pm.* share them. This file is the body of a function (model).
'use strict';

var Request = model.Request, Response = model.Response, PropertyList = model.PropertyList,
    Variable = model.Variable, VariableList = model.VariableList, Description = model.Description;

var hasOwn = Object.prototype.hasOwnProperty;
var isObject = function (v) { return v !== null && typeof v === 'object'; };
var uuid = function () {
    return typeof crypto === 'object' && crypto.randomUUID ? crypto.randomUUID() :
        'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, function (c) {
            var r = Math.random() * 16 | 0;
            return (c === 'x' ? r : (r & 0x3 | 0x8)).toString(16);
        });
};
var inSuperChain = function (ctor, name) {
    for (var c = ctor; c; c = c.super_ || Object.getPrototypeOf(c.prototype || {}).constructor) {
        if (c._postman_propertyName === name) { return true; }
        if (c === Object || c === Function) { break; }
    }
    return false;
};
var isA = function (Ctor, name) {
    return function (obj) {
        return Boolean(obj) && ((obj instanceof Ctor) || Boolean(obj.constructor && inSuperChain(obj.constructor, name)));
    };
};

// MutationTracker ---------------------------------------------------------------------------
// Records set/unset instructions on a variable scope: a stream, or compacted to the last
// instruction per key when autoCompact is on (as every scope of the sandbox tracks).
function MutationTracker (definition) {
    definition = definition || {};
    this.stream = Array.isArray(definition.stream) ? definition.stream.slice() : [];
    this.compacted = isObject(definition.compacted) ? Object.assign({}, definition.compacted) : {};
    this.autoCompact = Boolean(definition.autoCompact);
    if (this.autoCompact && this.stream.length) { this.compact(); }
}
MutationTracker._postman_propertyName = 'MutationTracker';
MutationTracker.isMutationTracker = isA(MutationTracker, 'MutationTracker');
MutationTracker.prototype.track = function (instruction) {
    var payload = Array.prototype.slice.call(arguments, 1);
    var mutation;
    if (instruction === 'set' && payload.length >= 1) { mutation = [payload[0], payload[1]]; }
    else if (instruction === 'unset' && payload.length >= 1) { mutation = [payload[0]]; }
    else { return; }
    if (this.autoCompact) { this.compacted[String(mutation[0])] = mutation; }
    else { this.stream.push(mutation); }
};
MutationTracker.prototype.compact = function () {
    var self = this;
    this.stream.forEach(function (m) { self.compacted[String(m[0])] = m; });
    this.stream = [];
};
MutationTracker.prototype.count = function () {
    return this.stream.length + Object.keys(this.compacted).length;
};
MutationTracker.prototype.reset = function () { this.stream = []; this.compacted = {}; };
var applyMutation = function (target, m) {
    if (m.length >= 2) { target.set(m[0], m[1]); }
    else { target.unset(m[0]); }
};
MutationTracker.prototype.applyOn = function (target) {
    if (!target || typeof target.set !== 'function' || typeof target.unset !== 'function') { return; }
    var self = this;
    this.stream.forEach(function (m) { applyMutation(target, m); });
    Object.keys(this.compacted).forEach(function (k) { applyMutation(target, self.compacted[k]); });
};
MutationTracker.prototype.toJSON = function () {
    return { autoCompact: this.autoCompact, stream: this.stream.slice(), compacted: Object.assign({}, this.compacted) };
};

// VariableScope -----------------------------------------------------------------------------
// typed casts a variable's value to its type, as postman-collection's Variable does
// (unknown types become "any").
var CASTS = { string: String, number: Number, boolean: Boolean };
var typed = function (def) {
    if (!isObject(def)) { return def; }
    var out = Object.assign({}, def);
    if (out.type !== undefined && !CASTS[out.type] && ['any', 'array', 'object'].indexOf(out.type) < 0) { out.type = 'any'; }
    if (CASTS[out.type] && out.value !== undefined && out.value !== null) { out.value = CASTS[out.type](out.value); }
    return out;
};

function VariableScope (definition, layers) {
    if (Array.isArray(definition)) { definition = { values: definition }; }
    if (VariableList.isVariableList(definition)) { definition = { values: definition.all() }; }
    definition = definition || {};
    this.id = definition.id || (definition._postman_id) || undefined;
    if (definition.name !== undefined) { this.name = definition.name; }
    this.values = new VariableList(this, definition.values ?
        (VariableList.isVariableList(definition.values) ? definition.values.all() : [].concat(definition.values).map(typed)) : []);
    if (definition.mutations) {
        this.mutations = new MutationTracker(definition.mutations);
    }
    if (layers) { this._layers = (Array.isArray(layers) ? layers : [layers]).filter(VariableScope.isVariableScope); }
}
VariableScope._postman_propertyName = 'VariableScope';
VariableScope.isVariableScope = isA(VariableScope, 'VariableScope');
var enabledVariable = function (scope, key) {
    var found;
    scope.values.each(function (v) { if (v.key === key && !v.disabled) { found = v; } });
    return found;
};
VariableScope.prototype.has = function (key) { return Boolean(enabledVariable(this, key)); };
VariableScope.prototype.get = function (key) {
    var v = enabledVariable(this, key);
    if (v) { return v.valueOf(); }
    for (var i = 0; this._layers && i < this._layers.length; i++) {
        if (this._layers[i].has(key)) { return this._layers[i].get(key); }
    }
    return undefined;
};
VariableScope.prototype.set = function (key, value, type) {
    var v = enabledVariable(this, key);
    var def = typed({ key: key, value: value, type: type !== undefined ? type : (v && v.type) });
    if (v) {
        v.value = def.value;
        if (def.type !== undefined) { v.type = def.type; }
    }
    else { this.values.add(def); }
    this.mutations && this.mutations.track('set', key, value);
};
VariableScope.prototype.unset = function (key) {
    var self = this, gone = [];
    this.values.each(function (v) { if (v.key === key) { gone.push(v); } });
    gone.forEach(function (v) { self.values.remove(v); });
    this.mutations && this.mutations.track('unset', key);
};
VariableScope.prototype.clear = function () {
    var self = this;
    this.values.all().slice().forEach(function (v) { self.unset(v.key); });
};
VariableScope.prototype.toObject = function () {
    var out = {};
    (this._layers || []).slice().reverse().forEach(function (l) { Object.assign(out, l.toObject()); });
    this.values.each(function (v) { if (!v.disabled) { out[v.key] = v.valueOf(); } });
    return out;
};
VariableScope.prototype.syncVariablesTo = function (obj) {
    obj = isObject(obj) ? obj : {};
    var own = this.toObject();
    Object.keys(obj).forEach(function (k) { if (!hasOwn.call(own, k)) { delete obj[k]; } });
    return Object.assign(obj, own);
};
VariableScope.prototype.syncVariablesFrom = function (obj, track) {
    var self = this, changes = { created: [], updated: [], deleted: [] };
    if (!isObject(obj)) { return track ? changes : undefined; }
    this.values.all().slice().forEach(function (v) {
        if (!hasOwn.call(obj, v.key)) { self.unset(v.key); changes.deleted.push(v.key); }
    });
    Object.keys(obj).forEach(function (k) {
        (self.has(k) ? changes.updated : changes.created).push(k);
        self.set(k, obj[k]);
    });
    return track ? changes : undefined;
};
VariableScope.prototype.replaceIn = function (template) {
    if (typeof template !== 'string') { return template; }
    var self = this, out = template;
    for (var depth = 0; depth < 20; depth++) {
        var next = out.replace(/\{\{([^{}]+?)\}\}/g, function (m, name) {
            return self.has(name) || (self._layers || []).some(function (l) { return l.has(name); }) ?
                String(self.get(name)) : m;
        });
        if (next === out) { break; }
        out = next;
    }
    return out;
};
VariableScope.prototype.enableTracking = function (options) {
    if (!this.mutations) { this.mutations = new MutationTracker(Object.assign({ autoCompact: false }, options)); }
    else if (options && options.autoCompact !== undefined) { this.mutations.autoCompact = Boolean(options.autoCompact); }
};
VariableScope.prototype.disableTracking = function () {
    if (this.mutations) { this.mutations.reset(); }
    delete this.mutations;
};
VariableScope.prototype.applyMutation = function (instruction, key, value) {
    if (instruction === 'set') { this.set(key, value); }
    else if (instruction === 'unset') { this.unset(key); }
};
VariableScope.prototype.addLayer = function (list) {
    if (!VariableScope.isVariableScope(list)) { return; }
    (this._layers = this._layers || []).push(list);
};
VariableScope.prototype.toJSON = function () {
    var out = {};
    if (this.id !== undefined) { out.id = this.id; }
    if (this.name !== undefined) { out.name = this.name; }
    out.values = this.values.all().map(function (v) { return v.toJSON(); });
    if (this.mutations) { out.mutations = this.mutations.toJSON(); }
    return out;
};

// Event -------------------------------------------------------------------------------------
function Event (definition) {
    definition = definition || {};
    this.id = definition.id || uuid();
    this.listen = definition.listen;
    var script = definition.script;
    if (typeof script === 'string' || Array.isArray(script)) { script = { exec: script }; }
    script = script || {};
    this.script = {
        id: script.id || uuid(), type: script.type || 'text/javascript',
        exec: typeof script.exec === 'string' ? script.exec.split(/\r?\n/) : (script.exec || [])
    };
    if (definition.disabled !== undefined) { this.disabled = Boolean(definition.disabled); }
}
Event._postman_propertyName = 'Event';
Event.prototype.toJSON = function () {
    var out = { listen: this.listen, script: { id: this.script.id, type: this.script.type, exec: this.script.exec.slice() } };
    if (this.disabled !== undefined) { out.disabled = this.disabled; }
    return out;
};
function EventList (parent, populate) { PropertyList.call(this, Event, parent, populate); }
EventList.prototype = Object.create(PropertyList.prototype, { constructor: { value: EventList } });
EventList._postman_propertyName = 'EventList';
EventList.prototype.listeners = function (name) {
    return this.all().filter(function (e) { return e.listen === name && !e.disabled; });
};

// Item, ItemGroup, Collection -------------------------------------------------------------------
var listOf = function (v) { return v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]); };
var setParent = function (child, parent) {
    Object.defineProperty(child, '__parent', { value: parent, writable: true, configurable: true, enumerable: false });
};
var baseItem = function (self, definition) {
    self.id = definition.id || definition._postman_id || uuid();
    if (definition.name !== undefined) { self.name = definition.name; }
    if (definition.description !== undefined) { self.description = new Description(definition.description); }
    self.events = new EventList(self, listOf(definition.event));
};
var parentOf = function () { return this.__parent; };
var forEachParent = function (options, iterator) {
    if (typeof options === 'function') { iterator = options; options = {}; }
    var list = [];
    for (var p = this.__parent; p; p = p.__parent) { list.push(p); }
    (options && options.withRoot ? list : list.filter(function (p) { return p.__parent; })).forEach(iterator);
};

function Item (definition) {
    definition = definition || {};
    baseItem(this, definition);
    this.request = definition.request instanceof Request ? definition.request : new Request(definition.request || {});
    this.responses = new PropertyList(Response, this, listOf(definition.response));
}
Item._postman_propertyName = 'Item';
Item.isItem = isA(Item, 'Item');
Item.prototype.parent = parentOf;
Item.prototype.forEachParent = forEachParent;
Item.prototype.getEvents = function (name) {
    return name ? this.events.listeners(name) : this.events.all();
};
Item.prototype.toJSON = function () {
    var out = { id: this.id };
    if (this.name !== undefined) { out.name = this.name; }
    out.request = this.request.toJSON();
    out.response = this.responses.all().map(function (r) { return typeof r.toJSON === 'function' ? r.toJSON() : r; });
    if (this.events.count()) { out.event = this.events.all().map(function (e) { return e.toJSON(); }); }
    return out;
};

function ItemGroup (definition) {
    definition = definition || {};
    baseItem(this, definition);
    var self = this;
    this.items = new PropertyList(ItemOrGroup, this, []);
    listOf(definition.item).forEach(function (d) {
        var child = ItemOrGroup.create(d);
        setParent(child, self);
        self.items.add(child);
    });
}
ItemGroup._postman_propertyName = 'ItemGroup';
ItemGroup.isItemGroup = isA(ItemGroup, 'ItemGroup');
ItemGroup.prototype.parent = parentOf;
ItemGroup.prototype.forEachParent = forEachParent;
ItemGroup.prototype.forEachItem = function (callback) {
    this.items.each(function (it) {
        if (ItemGroup.isItemGroup(it)) { it.forEachItem(callback); }
        else { callback(it); }
    });
};
ItemGroup.prototype.forEachItemGroup = function (callback) {
    this.items.each(function (it) {
        if (ItemGroup.isItemGroup(it)) { callback(it); it.forEachItemGroup(callback); }
    });
};
ItemGroup.prototype.oneDeep = function (idOrName) {
    var found;
    this.items.each(function (it) {
        if (found) { return; }
        if (it.id === idOrName || it.name === idOrName) { found = it; }
        else if (ItemGroup.isItemGroup(it)) { found = it.oneDeep(idOrName); }
    });
    return found;
};
ItemGroup.prototype.toJSON = function () {
    var out = { id: this.id };
    if (this.name !== undefined) { out.name = this.name; }
    out.item = this.items.all().map(function (it) { return it.toJSON(); });
    if (this.events.count()) { out.event = this.events.all().map(function (e) { return e.toJSON(); }); }
    return out;
};

// ItemOrGroup is the Type of an item list: a definition with an item array is a group.
function ItemOrGroup () { }
ItemOrGroup._postman_propertyIndexKey = 'id';
ItemOrGroup.create = function (d) {
    if (Item.isItem(d) || ItemGroup.isItemGroup(d)) { return d; }
    return isObject(d) && Array.isArray(d.item) ? new ItemGroup(d) : new Item(d);
};

function Collection (definition, environments) {
    definition = definition || {};
    var info = definition.info || {};
    ItemGroup.call(this, Object.assign({}, definition, {
        id: info._postman_id || info.id || definition.id, name: info.name || definition.name
    }));
    if (info.version !== undefined) { this.version = info.version; }
    this.variables = new VariableList(this, listOf(definition.variable));
    if (environments) { this.variables.syncFromObject && this.variables.syncFromObject(environments); }
}
Collection.prototype = Object.create(ItemGroup.prototype, { constructor: { value: Collection } });
Collection.super_ = ItemGroup;
Collection._postman_propertyName = 'Collection';
Collection.isCollection = isA(Collection, 'Collection');
Collection.prototype.toJSON = function () {
    var out = ItemGroup.prototype.toJSON.call(this);
    var info = { _postman_id: out.id, name: out.name,
        schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' };
    delete out.id;
    delete out.name;
    var json = { info: info };
    Object.keys(out).forEach(function (k) { json[k] = out[k]; });
    json.variable = this.variables.all().map(function (v) { return v.toJSON(); });
    return json;
};
Collection.prototype.syncVariablesTo = function (obj) { return this.variables.syncToObject(obj); };
Collection.prototype.syncVariablesFrom = function (obj) { return this.variables.syncFromObject(obj); };

model.MutationTracker = MutationTracker;
model.VariableScope = VariableScope;
model.Event = Event;
model.EventList = EventList;
model.Item = Item;
model.ItemGroup = ItemGroup;
model.Collection = Collection;
