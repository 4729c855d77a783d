/* The sandbox demo: plays a tenant's page. Its "server side" is /demo/link_token and /demo/links/{id}. */
(function () {
  'use strict';
  var log = document.getElementById('log');
  var result = document.getElementById('result');
  var connect = document.getElementById('connect');
  var handler = null;

  function line(name, payload) {
    var item = document.createElement('li');
    item.setAttribute('data-callback', name);
    item.textContent = new Date().toLocaleTimeString() + '  ' + name + '  ' + (payload === undefined ? '' : JSON.stringify(payload));
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }

  function showResult(linkId) {
    fetch('/demo/links/' + encodeURIComponent(linkId), { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (link) {
        result.textContent = JSON.stringify(link, null, 2);
        result.setAttribute('data-status', link.status || '');
      });
  }

  connect.addEventListener('click', function () {
    connect.disabled = true;
    fetch('/demo/link_token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        line('link token created', { id: answer.data.id, expires: answer.data.expires });
        if (handler) { handler.destroy(); }
        handler = Linkport.create({
          linkToken: answer.data.token,
          onLogin: function (p) { line('onLogin', p); },
          onSuccess: function (p) { line('onSuccess', p); showResult(p.linkId); },
          onError: function (p) { line('onError', p); },
          onTokenExpired: function (p) { line('onTokenExpired', p); },
          onExit: function (error) { line('onExit', error); connect.disabled = false; connect.focus(); },
          onEvent: function (name, p) { line('onEvent ' + name, p); }
        });
        handler.open();
      }, function () { line('could not create a link token'); connect.disabled = false; });
  });
})();
