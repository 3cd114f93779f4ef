/**
 * The page's only script: listen to the tenant's events (GET /api/events, Server-Sent Events) from the
 * position the page was drawn at; when one of the page's streams moves, fetch the page again and swap
 * its main content in place (no reload), announcing it politely to screen readers. One refresh at a
 * time (events during one ask for one more after it), so an older answer never replaces a newer one;
 * while the officer is typing in a form, nothing is swapped: the notice offers a link to refresh.
 */
export const liveScript = `
(function () {
  var config = JSON.parse(document.getElementById('live').textContent);
  var source = new EventSource('/api/events?after=' + config.fromPosition);
  var running = false, again = false;
  function typing() {
    var fields = document.querySelectorAll('#main textarea, #main input[type=text], #main input:not([type])');
    for (var i = 0; i < fields.length; i++) if (fields[i].value !== fields[i].defaultValue) return true;
    return false;
  }
  function announce(withLink) {
    var notice = document.getElementById('live-notice');
    notice.textContent = config.notice + ' ';
    if (withLink) {
      var link = document.createElement('a');
      link.href = location.href;
      link.textContent = config.refresh;
      notice.appendChild(link);
    }
  }
  function refresh() {
    if (running) { again = true; return; }
    if (typing()) { announce(true); return; }
    running = true;
    fetch(location.href, { headers: { accept: 'text/html' } }).then(function (r) { return r.text(); }).then(function (text) {
      var next = new DOMParser().parseFromString(text, 'text/html').getElementById('main');
      var main = document.getElementById('main');
      if (next && main && !typing()) {
        main.innerHTML = next.innerHTML;
        announce(false);
        document.body.setAttribute('data-live-updates', String(Number(document.body.getAttribute('data-live-updates') || 0) + 1));
      } else if (next) {
        announce(true);
      }
    }).catch(function () {}).then(function () {
      running = false;
      if (again) { again = false; refresh(); }
    });
  }
  function onEvent(message) {
    var event;
    try { event = JSON.parse(message.data); } catch (e) { return; }
    if (config.streams.indexOf(event.streamId) >= 0) refresh();
  }
  config.types.forEach(function (type) { source.addEventListener(type, onEvent); });
})();
`;
