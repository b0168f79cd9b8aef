// Canned query pages: parameters whose values are a closed set (framework, status, tier) become
// dropdowns with the labels people read, from the framework table (/-/query-choices.json). The status
// list follows the chosen framework. Without JavaScript the text inputs still work.
(function () {
  "use strict";
  var me = document.currentScript && document.currentScript.src;  // read now: it is null once loaded
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { start(me); });
  } else {
    start(me);
  }

  function start(me) {
  var form = document.querySelector("form.sql");
  if (!form || !me || !window.fetch) return;
  var endpoint = me.replace(/\/-\/static-plugins\/.*$/, "/-/query-choices.json");
  var NAMES = { framework: "Framework", status: "Status", tier: "Tier", date: "Date (YYYY-MM-DD)" };

  function labelFor(input, text) {
    var label = form.querySelector('label[for="' + input.id + '"]');
    if (label) label.textContent = text;
  }

  function fill(select, options, current, anyText) {
    select.textContent = "";
    var any = document.createElement("option");
    any.value = "";
    any.textContent = anyText;
    select.appendChild(any);
    var seen = false;
    options.forEach(function (o) {
      var option = document.createElement("option");
      option.value = o.value;
      option.textContent = o.label;
      if (o.value === current) { option.selected = true; seen = true; }
      select.appendChild(option);
    });
    if (current && !seen) {  // keep a value typed in the URL, even one outside the set
      var kept = document.createElement("option");
      kept.value = current;
      kept.textContent = current;
      kept.selected = true;
      select.appendChild(kept);
    }
  }

  function toSelect(input) {
    var select = document.createElement("select");
    select.name = input.name;
    select.id = input.id;
    input.parentNode.replaceChild(select, input);
    return select;
  }

  function allStatuses(statuses) {
    var merged = {};
    Object.keys(statuses).forEach(function (fw) {
      statuses[fw].forEach(function (o) {
        (merged[o.value] = merged[o.value] || []).indexOf(o.label) < 0 && merged[o.value].push(o.label);
      });
    });
    return Object.keys(merged).map(function (value) {
      return { value: value, label: value + " (" + merged[value].join("; ") + ")" };
    });
  }

  fetch(endpoint).then(function (r) { return r.json(); }).then(function (choices) {
    var inputs = {};
    Object.keys(NAMES).forEach(function (name) {
      var input = form.querySelector('input[name="' + name + '"]');
      if (input) { inputs[name] = input; labelFor(input, NAMES[name]); }
    });
    if (inputs.date) {
      inputs.date.placeholder = "YYYY-MM-DD, empty for today";
      inputs.date.pattern = "\\d{4}-\\d{2}-\\d{2}";
    }
    var framework = null;
    if (inputs.framework) {
      var current = inputs.framework.value;
      framework = toSelect(inputs.framework);
      fill(framework, choices.frameworks, current, "any framework");
    }
    if (inputs.tier) {
      var tierNow = inputs.tier.value;
      fill(toSelect(inputs.tier), choices.tiers, tierNow, "any tier");
    }
    if (inputs.status) {
      var statusNow = inputs.status.value;
      var status = toSelect(inputs.status);
      var refill = function () {
        var fw = framework ? framework.value : "";
        var options = fw && choices.statuses[fw] ? choices.statuses[fw] : allStatuses(choices.statuses);
        fill(status, options, status.value || statusNow, "any status");
      };
      refill();
      if (framework) framework.addEventListener("change", function () { status.value = ""; statusNow = ""; refill(); });
    }
  }).catch(function () { /* the text inputs stay */ });
  }
})();
