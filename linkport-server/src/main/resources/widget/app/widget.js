/* Linkport hosted widget: drives the public session API and reports events to the SDK. */
(function () {
  'use strict';
  var doc = document;
  var mode = doc.body.getAttribute('data-mode');          // "frame" (SDK iframe), "claim" (full page) or "connect" (seed 003, session given)
  var main = doc.getElementById('lp-main');
  var live = doc.getElementById('lp-live');
  var hash = new URLSearchParams(location.hash.slice(1));
  var parentOrigin = mode === 'frame' ? hash.get('origin') : null;
  var channel = hash.get('channel');
  var expectedTenant = new URLSearchParams(location.search).get('tenant');
  var TERMINAL = { completed: 1, failed: 1, expired: 1 };
  var TOKEN_KINDS = { linkToken: 1, accessToken: 1, claimCode: 1, authorizeToken: 1 };
  var pageShown = mode === 'claim' || mode === 'connect';  // the widget is the whole page (or the Connect iframe): no SDK to close it
  var S = {
    token: null, session: null, started: false, loggedIn: false, succeeded: false, exited: false,
    lastError: null, errorSeen: false, screen: null, timer: null, overlay: false, oauthStarted: false
  };

  /* ---------- DOM helpers ---------- */
  function h(tag, attrs, children) {
    var el = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) { return; }
      if (k === 'text') { el.textContent = v; } else if (k.slice(0, 2) === 'on') { el.addEventListener(k.slice(2), v); } else { el.setAttribute(k, v === true ? '' : v); }
    });
    (children || []).forEach(function (c) { if (c) { el.appendChild(typeof c === 'string' ? doc.createTextNode(c) : c); } });
    return el;
  }
  function button(text, onclick, cls) { return h('button', { type: 'button', class: cls || 'lp-btn', onclick: onclick, text: text }); }
  function announce(text) { live.textContent = ''; setTimeout(function () { live.textContent = text; }, 30); }
  function show(name, nodes, focus) {
    main.textContent = '';
    main.setAttribute('data-screen', name);
    nodes.forEach(function (n) { if (n) { main.appendChild(n); } });
    var target = focus || main.querySelector('[data-focus]') || main.querySelector('h1');
    if (target) { if (target.tagName === 'H1') { target.setAttribute('tabindex', '-1'); } target.focus(); }
  }
  function title(text) { return h('h1', { class: 'lp-h1', text: text }); }
  function para(text, cls) { return h('p', { class: cls || 'lp-p', text: text }); }
  function alertBox(text) { return h('div', { class: 'lp-alert', role: 'alert', text: text }); }
  function spinner(text) { return h('div', { class: 'lp-center' }, [h('div', { class: 'lp-spinner', 'aria-hidden': 'true' }), h('h1', { class: 'lp-h1', text: text })]); }
  function integrationName() { return S.session && S.session.integration ? S.session.integration.name : 'your provider'; }
  function orgName() { return (S.session && S.session.orgName) || 'This app'; }

  /* ---------- messages to and from the SDK ---------- */
  function send(type, extra) {
    if (mode !== 'frame' || !parentOrigin) { return; }
    var m = extra || {};
    m.lp = 1; m.channel = channel; m.type = type;
    window.parent.postMessage(m, parentOrigin);
  }
  function ids() {
    var s = S.session;
    return {
      linkId: s ? s.linkId : null, linkTokenId: s ? s.linkTokenId : null, endUserId: s ? s.endUserId : null,
      integrationId: s && s.integration ? s.integration.id : null
    };
  }
  function emit(name, extra) {
    var payload = ids();
    Object.keys(extra || {}).forEach(function (k) { payload[k] = extra[k]; });
    if (name === 'error') { S.lastError = payload; }
    send('event', { name: name, payload: payload });
  }
  window.addEventListener('message', function (event) {
    // The OAuth callback page (our origin, in the popup we opened) says the login finished: look now.
    if (event.origin === location.origin && event.data && event.data.type === 'linkport:oauth_complete') {
      if (S.timer) { poll(0); }
      return;
    }
    if (mode !== 'frame' || event.source !== window.parent || event.origin !== parentOrigin) { return; }
    var m = event.data;
    if (!m || typeof m !== 'object' || m.lp !== 1 || m.channel !== channel) { return; }
    if (m.type === 'init' && !S.started) { S.started = true; start(m.token); }
    if (m.type === 'exit') { if (m.confirmed) { exit(); } else { askExit(); } }
  });

  /* ---------- the session API ---------- */
  function api(method, path, body) {
    var headers = { Accept: 'application/json' };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    if (S.token) { headers.Authorization = 'Bearer ' + S.token; }
    return fetch(path, {
      method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer'
    }).then(function (r) {
      return r.text().then(function (text) {
        var json = {};
        try { json = text ? JSON.parse(text) : {}; } catch (e) { json = {}; }
        if (!r.ok) { throw { status: r.status, code: json.error || 'http_' + r.status, message: json.message || json.error || 'The request failed.' }; }
        return json;
      });
    }, function () { throw { status: 0, code: 'network_error', message: 'We could not reach the server. Check your connection.' }; });
  }
  function act(method, path, body, retryable) {
    stopPolling();
    renewIfNeeded();
    return api(method, path, body).then(update, function (e) { failed(e, retryable ? function () { return act(method, path, body, retryable); } : null); });
  }
  function renewIfNeeded() {
    var s = S.session;
    if (s && s.expiresAt && Date.parse(s.expiresAt) - Date.now() < 5 * 60000) {
      api('POST', '/v1/session/renew', {}).then(function (r) { S.token = r.sessionToken; S.session.expiresAt = r.expiresAt; }, function () {});
    }
  }
  function stopPolling() { clearTimeout(S.timer); S.timer = null; }
  // A pending timer means no poll is in flight, so polls never overlap and states arrive in order.
  function poll(delay) {
    stopPolling();
    S.timer = setTimeout(function () {
      S.timer = null;
      api('GET', '/v1/session').then(update, function (e) { failed(e, poll); });
    }, delay === undefined ? 300 : delay);
  }

  /* ---------- start ---------- */
  function tenantOf(jwt) {
    try {
      var p = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(p + '==='.slice((p.length + 3) % 4))).tid || null;
    } catch (e) { return null; }
  }
  function start(token) {
    S.lastToken = token;
    if (!token || !TOKEN_KINDS[token.kind] || typeof token.value !== 'string' || !token.value) {
      return startFailed({ code: 'invalid_token', message: 'No valid token was given to the widget.' });
    }
    if (expectedTenant && token.kind !== 'claimCode' && tenantOf(token.value) !== expectedTenant) {
      return startFailed({ code: 'invalid_token', message: 'This token does not belong to this page.' });
    }
    var body = {};
    body[token.kind] = token.value;
    show('loading', [spinner('Connecting…')]);
    api('POST', '/v1/sessions', body).then(function (r) {
      S.token = r.sessionToken;
      S.session = r.session;
      doc.getElementById('lp-sandbox').hidden = r.session.mode !== 'sandbox';
      emit('open', {});
      update(r.session, true);
    }, startFailed);
  }
  var START_ERRORS = {
    token_already_used: 'This link has already been used. Please start again from the app.',
    link_already_claimed: 'This link is already open somewhere else.',
    token_expired: 'This link has expired. Please start again from the app.',
    link_expired: 'This link has expired. Please start again from the app.',
    token_revoked: 'This link was replaced by a newer one. Please start again from the app.',
    link_canceled: 'This request was canceled.',
    link_not_found: 'We could not find this request.',
    invalid_token: 'This link is not valid. Please start again from the app.'
  };
  function startFailed(e) {
    var message = START_ERRORS[e.code] || e.message;
    var retry = e.status === 0 || e.status >= 500;
    emit('error', { code: e.code, message: message, retryable: retry });
    if (e.code === 'token_expired') { emit('token_expired', {}); }
    show('start_error', [title(retry ? 'We could not connect' : 'This link cannot be used'), alertBox(message),
      retry ? button('Try again', function () { S.started = true; start(S.lastToken); }) : null,
      button('Close', exit, 'lp-btn lp-secondary')]);
  }

  /* ---------- state changes → events ---------- */
  function update(s, first) {
    if (S.exited) { return; }
    var prev = first ? null : S.session;
    S.session = s;
    if (s.step === 'mfa' && (!prev || prev.step !== 'mfa')) { emit('mfa_required', { mfaType: s.mfa ? s.mfa.type : null }); }
    if (!S.loggedIn && (s.step === 'running' || s.step === 'completed')) { S.loggedIn = true; emit('login', {}); }
    (s.operations || []).forEach(function (op, i) {
      var before = prev && prev.operations && prev.operations[i] ? prev.operations[i].status : 'pending';
      var detail = { resource: op.resource, action: op.action, index: i };
      if (before === 'pending' && op.status !== 'pending') { emit('operation_started', detail); }
      if (before !== 'completed' && op.status === 'completed') { emit('operation_completed', detail); }
    });
    if (!s.error) {
      S.errorSeen = false;
    } else if (!S.errorSeen && s.error.code !== 'USER_EXITED') {
      S.errorSeen = true;
      emit('error', { code: s.error.code, message: s.error.message, retryable: !!s.error.retryable });
    }
    if (s.step === 'completed' && !S.succeeded) {
      S.succeeded = true;
      var done = { operations: (s.operations || []).map(function (o) { return { resource: o.resource, action: o.action }; }) };
      if (savesLogin()) {
        finishLogin().then(function (r) { done.loginId = r.loginId; emit('success', done); }, function () { emit('success', done); });
      } else {
        emit('success', done);
      }
    }
    render();
    if (s.step === 'authenticating' || s.step === 'running' || (s.step === 'oauth_redirect' && S.oauthStarted)) { poll(); }
  }
  function failed(e, retry) {
    if (e.code === 'session_expired' || (e.status === 401 && S.session)) { return expired(); }
    emit('error', { code: e.code, message: e.message, retryable: !!retry });
    S.screen = null;
    show('api_error', [title('Something went wrong'), alertBox(e.message),
      retry ? button('Try again', function () { show('loading', [spinner('Retrying…')]); retry(); }) : null,
      button('Close', exit, 'lp-btn lp-secondary')]);
  }
  function expired() {
    stopPolling();
    S.lastError = ids();
    S.lastError.code = 'session_expired';
    S.lastError.message = 'The session expired.';
    S.lastError.retryable = true;
    emit('token_expired', {});
    S.screen = 'expired';
    show('expired', [title('Your session expired'), para('For your security, this session timed out. Please start again.'),
      button('Close', exit)]);
  }

  /* ---------- screens ---------- */
  function render() {
    if (S.overlay || S.exited) { return; }
    var s = S.session;
    var key = [s.step, s.error ? s.error.code + s.attemptsLeft : '', s.mfa ? JSON.stringify(s.mfa) : ''].join('|');
    if (key === S.screen) { if (s.step === 'running') { progress(s); } return; }
    S.screen = key;
    doc.getElementById('lp-title').textContent = s.integration ? s.integration.name : 'Linkport';
    (SCREENS[s.step] || SCREENS.failed)(s);
  }
  var SCREENS = {
    select_integration: function () {
      var list = h('ul', { class: 'lp-list', 'aria-label': 'Providers' });
      var input = h('input', { id: 'lp-q', type: 'search', autocomplete: 'off', class: 'lp-input', 'data-focus': true });
      var timer = null;
      var latest = 0;
      function search() {
        var mine = ++latest;
        api('GET', '/v1/session/integrations?q=' + encodeURIComponent(input.value)).then(function (r) {
          if (mine !== latest) { return; }
          list.textContent = '';
          (r.integrations || []).forEach(function (it) {
            list.appendChild(h('li', {}, [h('button', { type: 'button', class: 'lp-item', onclick: function () { choose(it); } },
              [h('span', { class: 'lp-item-name', text: it.name }), h('span', { class: 'lp-item-meta', text: it.category || '' })])]));
          });
          if (!list.firstChild) { list.appendChild(h('li', { class: 'lp-p', text: 'No provider matches “' + input.value + '”.' })); }
          announce(list.children.length + ' results');
        }, function (e) { failed(e, search); });
      }
      input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(search, 200); });
      show('select_integration', [title('Select your provider'), h('label', { for: 'lp-q', class: 'lp-label', text: 'Search' }), input, list]);
      search();
    },
    consent: function (s) {
      var reads = s.operations.filter(function (o) { return !o.changesData; });
      var writes = s.operations.filter(function (o) { return o.changesData; });
      function items(ops) { return h('ul', { class: 'lp-bullets' }, ops.map(function (o) { return h('li', { text: o.description || o.resource + ' ' + o.action }); })); }
      show('consent', [title(orgName() + ' wants to connect to your ' + integrationName() + ' account'),
        reads.length ? h('h2', { class: 'lp-h2', text: 'What will be read' }) : null, reads.length ? items(reads) : null,
        h('h2', { class: 'lp-h2', text: 'What will be changed' }),
        writes.length ? items(writes) : para('Nothing in your account will be changed.'),
        para('Your login details are encrypted. ' + orgName() + ' never sees your password.', 'lp-note'),
        button('Continue', function () { act('POST', '/v1/session/consent', {}, true); })]);
    },
    credentials: function (s) {
      var fields = (s.integration && s.integration.credentialFields) || [{ name: 'username', label: 'Username', secret: false }, { name: 'password', label: 'Password', secret: true }];
      var inputs = {};
      var form = h('form', { class: 'lp-form', novalidate: true });
      fields.forEach(function (f, i) {
        var id = 'lp-f-' + f.name;
        inputs[f.name] = h('input', {
          id: id, name: f.name, class: 'lp-input', required: true, type: f.secret ? 'password' : 'text',
          autocomplete: f.secret ? 'current-password' : 'username', autocapitalize: 'none', spellcheck: 'false',
          'aria-describedby': s.error ? 'lp-err' : null, 'data-focus': i === 0 ? true : null
        });
        form.appendChild(h('label', { for: id, class: 'lp-label', text: f.label || f.name }));
        form.appendChild(inputs[f.name]);
      });
      form.appendChild(h('button', { type: 'submit', class: 'lp-btn', text: 'Log in' }));
      form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        var credentials = {};
        var missing = null;
        fields.forEach(function (f) { credentials[f.name] = inputs[f.name].value; if (!inputs[f.name].value && !missing) { missing = inputs[f.name]; } });
        if (missing) { missing.setAttribute('aria-invalid', 'true'); missing.focus(); announce('Please fill in every field.'); return; }
        S.errorSeen = false;
        emit('submit_credentials', {});
        show('authenticating', [spinner('Logging in to ' + integrationName() + '…')]);
        act('POST', '/v1/session/credentials', { credentials: credentials }, false);
      });
      var error = s.error ? h('div', { id: 'lp-err', class: 'lp-alert', role: 'alert' }, [s.error.message || 'That did not work.',
        s.attemptsLeft !== undefined && s.attemptsLeft !== null ? ' ' + s.attemptsLeft + (s.attemptsLeft === 1 ? ' attempt' : ' attempts') + ' left.' : '']) : null;
      show('credentials', [title('Log in to ' + integrationName()), error, form, sandboxHint(s, fields, inputs)], error ? null : undefined);
      if (error) { inputs[fields[fields.length - 1].name].focus(); }
    },
    oauth_redirect: function () {
      var go = h('button', { type: 'button', class: 'lp-btn', 'data-focus': true, text: 'Continue to ' + integrationName() });
      go.addEventListener('click', function () {
        var popup = window.open('', 'linkport_oauth');
        api('POST', '/v1/session/oauth/start', {}).then(function (r) {
          S.oauthStarted = true;
          if (popup) { popup.location.href = r.authorizationUrl; } else { main.appendChild(h('a', { href: r.authorizationUrl, target: '_blank', rel: 'noopener', class: 'lp-link', text: 'Open ' + integrationName() })); }
          announce('Waiting for you to finish on ' + integrationName());
          poll();
        }, function (e) { if (popup) { popup.close(); } failed(e, null); });
      });
      show('oauth_redirect', [title('Continue to ' + integrationName()), para('You will sign in on ' + integrationName() + '’s own site, then come back here.'), go]);
    },
    authenticating: function () { show('authenticating', [spinner('Logging in to ' + integrationName() + '…')]); announce('Logging in'); },
    mfa: function (s) {
      var m = s.mfa || { type: 'ONE_TIME_CODE' };
      var form = h('form', { class: 'lp-form', novalidate: true });
      var collect;
      if (m.type === 'SECURITY_QUESTION') {
        var answers = (m.questions || []).map(function (q, i) {
          var input = h('input', { id: 'lp-a' + i, class: 'lp-input', type: 'text', autocomplete: 'off', 'data-focus': i === 0 ? true : null });
          form.appendChild(h('label', { for: 'lp-a' + i, class: 'lp-label', text: typeof q === 'string' ? q : q.text || q.prompt || String(q) }));
          form.appendChild(input);
          return input;
        });
        collect = function () { return { answers: answers.map(function (a) { return a.value; }) }; };
      } else if (m.type === 'DEVICE_SELECTION') {
        var group = h('fieldset', { class: 'lp-fieldset' }, [h('legend', { class: 'lp-label', text: m.prompt || 'Where should we send a code?' })]);
        (m.devices || []).forEach(function (d, i) {
          group.appendChild(h('label', { class: 'lp-radio' }, [h('input', { type: 'radio', name: 'device', value: d.id, checked: i === 0, 'data-focus': i === 0 ? true : null }), ' ' + d.label]));
        });
        form.appendChild(group);
        collect = function () { var c = form.querySelector('input[name=device]:checked'); return { deviceId: c ? c.value : null }; };
      } else {
        var code = h('input', { id: 'lp-code', class: 'lp-input', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', 'data-focus': true });
        form.appendChild(h('label', { for: 'lp-code', class: 'lp-label', text: 'Verification code' }));
        form.appendChild(code);
        collect = function () { return { code: code.value.trim() }; };
      }
      form.appendChild(h('button', { type: 'submit', class: 'lp-btn', text: 'Continue' }));
      form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        S.errorSeen = false;
        emit('submit_mfa', { mfaType: m.type });
        show('authenticating', [spinner('Checking…')]);
        act('POST', '/v1/session/mfa', collect(), false);
      });
      show('mfa', [title(m.type === 'DEVICE_SELECTION' ? 'Verify it’s you' : 'Enter your verification'), m.prompt && m.type !== 'DEVICE_SELECTION' ? para(m.prompt) : null,
        s.error ? alertBox(s.error.message) : null, form]);
    },
    running: function (s) {
      var list = h('ol', { class: 'lp-steps', id: 'lp-steps' });
      s.operations.forEach(function (o) {
        list.appendChild(h('li', { class: 'lp-step' }, [h('span', { class: 'lp-step-name', text: o.description || o.resource + ' ' + o.action }), h('span', { class: 'lp-step-status' })]));
      });
      show('running', [title('Working on it…'), para('This usually takes a few seconds.'), list]);
      progress(s);
    },
    completed: function (s) {
      var nodes = [h('div', { class: 'lp-done', 'aria-hidden': 'true', text: '✓' }), title('All done'), para('Your ' + integrationName() + ' account is connected.')];
      if (mode === 'connect') {
        show('completed', nodes);
        announce('Done. Your account is connected.');
        return goBack(1200);
      }
      var target = mode === 'claim' ? safeReturnUrl(s.returnUrl) : null;
      if (target) {
        nodes.push(para('Taking you back to ' + orgName() + '…'), h('a', { class: 'lp-btn', href: target, text: 'Continue' }));
        setTimeout(function () { location.assign(target); }, 1200);
      } else if (mode === 'claim') {
        nodes.push(para('You can close this page now.'));
      } else {
        nodes.push(button('Done', exit));
      }
      show('completed', nodes);
      announce('Done. Your account is connected.');
    },
    failed: function (s) {
      var e = s.error || { message: 'The connection could not be completed.' };
      show('failed', [title(e.code === 'USER_EXITED' ? 'Connection closed' : 'We could not connect your account'), alertBox(e.message || 'Something went wrong.'),
        para(e.retryable ? 'You can start again from ' + orgName() + '.' : 'Please contact ' + orgName() + ' if this keeps happening.'),
        pageShown ? null : button('Close', exit)]);
      if (mode === 'connect') { goBack(4000); }
    },
    expired: function () {
      show('expired', [title('This request has expired'), para('Please start again from ' + orgName() + '.'), pageShown ? null : button('Close', exit)]);
      if (mode === 'connect') { goBack(4000); }
    }
  };
  function choose(integration) {
    S.errorSeen = false;
    emit('select_integration', { integrationId: integration.id, integrationName: integration.name });
    show('loading', [spinner('Loading ' + integration.name + '…')]);
    act('POST', '/v1/session/integration', { integrationId: integration.id }, true);
  }
  function progress(s) {
    var names = { pending: 'Waiting', running: 'In progress', completed: 'Done', failed: 'Failed' };
    var items = main.querySelectorAll('.lp-step');
    s.operations.forEach(function (o, i) {
      if (!items[i]) { return; }
      var label = items[i].querySelector('.lp-step-status');
      if (label.textContent !== names[o.status]) {
        label.textContent = names[o.status] || o.status;
        items[i].setAttribute('data-status', o.status);
        if (o.status !== 'pending') { announce((o.description || o.resource) + ': ' + label.textContent); }
      }
    });
  }
  function sandboxHint(s, fields, inputs) {
    if (!s.sandbox || !s.sandbox.testCredentials || !s.sandbox.testCredentials.length) { return null; }
    var rows = s.sandbox.testCredentials.map(function (c) {
      return h('li', { class: 'lp-cred' }, [h('code', { text: c.username + ' / ' + c.password }),
        h('span', { class: 'lp-item-meta', text: ' ' + (c.behaviour || '') + (c.mfaAnswer ? ' (code ' + c.mfaAnswer + ')' : '') }),
        button('Use', function () {
          if (inputs.username) { inputs.username.value = c.username; }
          if (inputs.password) { inputs.password.value = c.password; }
          (inputs.password || inputs[fields[0].name]).focus();
        }, 'lp-link')]);
    });
    return h('details', { class: 'lp-hint', open: true }, [h('summary', { text: 'Sandbox test credentials' }), h('ul', { class: 'lp-bullets' }, rows)]);
  }
  /* ---------- saved logins (seed 003): where the user goes at the end ---------- */
  function savesLogin() { return mode === 'connect' || (S.lastToken && S.lastToken.kind === 'authorizeToken'); }
  function finishLogin() {
    if (!S.finishing) {
      S.finishing = api('POST', '/v1/connect/finish', {}).then(null, function (e) { S.finishing = null; throw e; });
    }
    return S.finishing;
  }
  function leave(url) {
    var target = safeReturnUrl(url);
    if (!target) { return; }
    // In the Connect iframe the tenant's page is the one to go back; browsers may refuse that without a click.
    // Cross-origin, only the href setter of the top window's location is open to a frame.
    try { window.top.location.href = target; } catch (e) { location.assign(target); }
  }
  function goBack(delay) {
    finishLogin().then(function (r) {
      if (!r.redirectUrl) {
        main.appendChild(para(r.status === 'completed' ? 'You can close this window now.' : 'You can close this window and start again from ' + orgName() + '.'));
        if (window.parent !== window) { window.parent.postMessage({ lp: 1, type: 'connect', status: r.status, loginId: r.loginId || null, error: r.error || null }, '*'); }
        return;
      }
      if (window.top !== window) {
        // Browsers let a framed page move the tenant's page only from a click.
        main.appendChild(button('Continue', function () { leave(r.redirectUrl); }));
        return;
      }
      main.appendChild(h('p', { class: 'lp-p', text: 'Taking you back to ' + orgName() + '…' }));
      main.appendChild(button('Continue', function () { leave(r.redirectUrl); }));
      setTimeout(function () { leave(r.redirectUrl); }, delay);
    }, function (e) { main.appendChild(alertBox(e.message)); });
  }
  function safeReturnUrl(url) {
    if (!url) { return null; }
    try {
      var scheme = new URL(url).protocol;
      return ['javascript:', 'data:', 'vbscript:', 'blob:', 'file:'].indexOf(scheme) >= 0 ? null : url;
    } catch (e) { return null; }
  }

  /* ---------- exit ---------- */
  function inFlow() { return S.session && !TERMINAL[S.session.step] && !S.exited; }
  function askExit() {
    if (!inFlow()) { return exit(); }
    if (S.overlay) { return; }
    S.overlay = true;
    var previous = Array.prototype.slice.call(main.childNodes);
    var prevScreen = main.getAttribute('data-screen');
    show('confirm_exit', [title('Are you sure you want to exit?'), para('Your account will not be connected and you will need to start again.'),
      button('Yes, exit', exit), h('button', { type: 'button', class: 'lp-btn lp-secondary', text: 'No, continue', 'data-focus': true, onclick: function () {
        S.overlay = false;
        main.textContent = '';
        main.setAttribute('data-screen', prevScreen);
        previous.forEach(function (n) { main.appendChild(n); });
        S.screen = null;
        render();
      } })]);
  }
  function exit() {
    if (S.exited) { return; }
    S.exited = true;
    stopPolling();
    var error = S.succeeded ? null : S.lastError;
    var after = function () {
      emit('exit', { error: error });
      if (pageShown) { show('closed', [title('Connection closed'), para('Nothing was connected.')]); }
      if (mode === 'connect') { goBack(1500); }
    };
    if (S.session && !TERMINAL[S.session.step] && S.token) {
      api('POST', '/v1/session/exit', { reason: 'user_exited' }).then(after, after);
    } else {
      after();
    }
  }
  doc.getElementById('lp-close').addEventListener('click', askExit);
  doc.addEventListener('keydown', function (ev) { if (ev.key === 'Escape') { ev.preventDefault(); askExit(); } });

  /* ---------- boot ---------- */
  if (mode === 'claim') {
    doc.getElementById('lp-close').hidden = true;
    var code = new URLSearchParams(location.search).get('code');
    history.replaceState(null, '', location.pathname);
    var startClaim = function () { S.started = true; start({ kind: 'claimCode', value: code || '' }); };
    var qr = doc.getElementById('lp-qr');
    if (qr && window.matchMedia('(pointer: fine)').matches && window.innerWidth >= 700) {
      qr.hidden = false;
      show('handoff', [title('Connect your account'), para('Scan this code with your phone’s camera to continue there, or continue on this computer.'), qr,
        h('button', { type: 'button', class: 'lp-btn', text: 'Continue on this computer', 'data-focus': true, onclick: startClaim })]);
    } else {
      startClaim();
    }
  } else if (mode === 'connect') {
    S.started = true;
    S.token = doc.body.getAttribute('data-session');
    show('loading', [spinner('Connecting…')]);
    api('GET', '/v1/session').then(function (s) {
      doc.getElementById('lp-sandbox').hidden = s.mode !== 'sandbox';
      emit('open', {});
      update(s, true);
    }, startFailed);
  } else if (!parentOrigin || !channel || window.parent === window) {
    show('no_sdk', [title('Open this page with the Linkport SDK'), para('The widget runs inside the app that asked you to connect an account.')]);
  } else {
    send('ready');
  }
})();
