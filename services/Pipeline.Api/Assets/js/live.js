// Live updates: a page marks its live region with data-live (a JSON endpoint), data-etag (the ETag of what it
// shows) and data-every (ms). We poll the endpoint with If-None-Match; when the data changed, we fetch the page
// again and swap the region with the server-rendered one (the server encodes everything; nothing is built here).
(function () {
  "use strict";
  var status = document.getElementById("live-status");
  function say(text, offline) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("offline", !!offline);
  }
  function time() {
    return new Date().toISOString().substring(11, 19) + " UTC";
  }
  function region() { return document.querySelector("[data-live]"); }
  var first = region();
  if (!first || !window.fetch) return;
  var every = Math.max(1000, Number(first.getAttribute("data-every")) || 5000);
  var busy = false;

  async function tick() {
    var el = region();
    if (!el || busy || document.hidden) return;
    busy = true;
    try {
      var etag = el.getAttribute("data-etag");
      var headers = etag ? { "If-None-Match": etag } : {};
      var r = await fetch(el.getAttribute("data-live"), { headers: headers, cache: "no-store", credentials: "same-origin" });
      if (r.status === 304) { say("live · checked " + time()); return; }
      if (!r.ok) { say("live · API answered " + r.status, true); return; }
      var page = await fetch(location.href, { cache: "no-store", credentials: "same-origin" });
      if (!page.ok) { say("live · page answered " + page.status, true); return; }
      var doc = new DOMParser().parseFromString(await page.text(), "text/html");
      var fresh = doc.querySelector("[data-live]");
      if (fresh) {
        el.replaceWith(document.importNode(fresh, true));
      }
      say("live · updated " + time());
    } catch (e) {
      say("live · offline (" + time() + ")", true);
    } finally {
      busy = false;
    }
  }
  say("live · every " + Math.round(every / 1000) + " s");
  setInterval(tick, every);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) tick(); });
})();
