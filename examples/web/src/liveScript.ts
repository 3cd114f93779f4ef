/**
 * The page's only script: listen to the tenant's events (GET /api/events, Server-Sent Events) from the
 * position the page was drawn at; when one of the page's streams moves, fetch the page again and swap
 * its main content in place (no reload), announcing it politely to screen readers.
 */
export const liveScript = `
(function () {
  var config = JSON.parse(document.getElementById('live').textContent);
  var source = new EventSource('/api/events?after=' + config.fromPosition);
  var pending = false;
  function refresh() {
    pending = false;
    fetch(location.href, { headers: { accept: 'text/html' } }).then(function (r) { return r.text(); }).then(function (text) {
      var next = new DOMParser().parseFromString(text, 'text/html').getElementById('main');
      var main = document.getElementById('main');
      if (!next || !main) return;
      var focused = document.activeElement && document.activeElement.id;
      main.innerHTML = next.innerHTML;
      document.getElementById('live-notice').textContent = config.notice;
      document.body.setAttribute('data-live-updates', String(Number(document.body.getAttribute('data-live-updates') || 0) + 1));
      if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
    });
  }
  function onEvent(message) {
    var event;
    try { event = JSON.parse(message.data); } catch (e) { return; }
    if (config.streams.indexOf(event.streamId) < 0 || pending) return;
    pending = true;
    setTimeout(refresh, 50);
  }
  config.types.forEach(function (type) { source.addEventListener(type, onEvent); });
})();
`;
