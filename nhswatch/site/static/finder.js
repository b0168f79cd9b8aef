// The organisation finder on the front page: suggestions as you type (from /-/find.json), arrow keys
// to choose, Enter or a click goes straight to the organisation page. Without JavaScript the form is a
// plain GET to /-/find, which redirects to the one match or lists them.
(function () {
  "use strict";
  var input = document.getElementById("finder-q");
  var list = document.getElementById("finder-suggestions");
  if (!input || !list || !window.fetch) return;
  var endpoint = input.getAttribute("data-suggest");
  var items = [];
  var active = -1;
  var pending = 0;
  var timer = null;

  function choose(index) {
    active = index;
    Array.prototype.forEach.call(list.children, function (li, i) {
      li.setAttribute("aria-selected", i === active ? "true" : "false");
    });
  }

  function show(found) {
    items = found;
    list.textContent = "";
    found.forEach(function (org, i) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.dataset.url = org.url;
      li.appendChild(document.createTextNode(org.name + " "));
      var small = document.createElement("small");
      var extra = org.ods_code + (org.close_date ? " · closed " + org.close_date : "");
      if (org.matched) extra += " · known as “" + org.matched + "”";
      small.textContent = extra;
      li.appendChild(small);
      li.addEventListener("mousedown", function (event) {
        event.preventDefault();
        window.location.href = org.url;
      });
      list.appendChild(li);
    });
    choose(found.length ? 0 : -1);
  }

  function suggest() {
    var q = input.value.trim();
    if (!q) { show([]); return; }
    var ticket = ++pending;
    fetch(endpoint + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (found) { if (ticket === pending) show(found); })
      .catch(function () { /* the plain form still works */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, 120);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && items.length) {
      choose((active + 1) % items.length);
      event.preventDefault();
    } else if (event.key === "ArrowUp" && items.length) {
      choose((active - 1 + items.length) % items.length);
      event.preventDefault();
    } else if (event.key === "Enter" && active >= 0 && items[active]) {
      event.preventDefault();
      window.location.href = items[active].url;
    } else if (event.key === "Escape") {
      show([]);
    }
  });
  input.addEventListener("blur", function () { setTimeout(function () { show([]); }, 200); });
})();
