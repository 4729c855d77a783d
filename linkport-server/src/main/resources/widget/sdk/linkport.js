/*! Linkport SDK v1. No dependencies. Docs: /docs/widget.md */
(function (root, scriptUrl) {
  'use strict';
  // Loaded twice (two tags, a tag and the module): keep the first copy, so handlers made with it stay valid.
  if (root.Linkport && root.Linkport.sdkVersion) {
    return;
  }
  var CALLBACKS = { login: 'onLogin', success: 'onSuccess', error: 'onError', token_expired: 'onTokenExpired' };
  var TOKEN_KINDS = ['linkToken', 'accessToken', 'claimCode', 'authorizeToken'];
  var LOAD_TIMEOUT_MS = 20000;
  var FADE_OUT_MS = 150;

  function originOf(url) {
    try {
      return new URL(url, root.location.href).origin;
    } catch (e) {
      return null;
    }
  }

  function randomId() {
    var bytes = new Uint8Array(16);
    root.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }

  // The tenant id (claim "tid") lets the server pick the tenant's frame-ancestors; it is not a secret.
  function tenantOf(jwt) {
    try {
      var part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(root.atob(part + '==='.slice((part.length + 3) % 4))).tid || null;
    } catch (e) {
      return null;
    }
  }

  function pickToken(options) {
    var found = null;
    TOKEN_KINDS.forEach(function (kind) {
      if (options && typeof options[kind] === 'string' && options[kind] && !found) {
        found = { kind: kind, value: options[kind] };
      }
    });
    return found;
  }

  function css(element, styles) {
    Object.keys(styles).forEach(function (key) { element.style[key] = styles[key]; });
    return element;
  }

  function call(fn, args) {
    if (typeof fn !== 'function') {
      return;
    }
    try {
      fn.apply(null, args);
    } catch (e) {
      // A throwing tenant callback must not break the widget's event flow.
      setTimeout(function () { throw e; });
    }
  }

  function create(options) {
    options = options || {};
    var widgetBase = options.widgetUrl || scriptUrl;
    if (!widgetBase) {
      throw new Error('Linkport: cannot tell the widget URL; pass widgetUrl to create()');
    }
    var widgetOrigin = originOf(widgetBase);
    var token = pickToken(options);
    var frame = null;
    var overlay = null;
    var channel = null;
    var lastError = null;
    var readyTimer = null;
    var ready = false;
    var previousFocus = null;
    var previousOverflow = '';
    var destroyed = false;

    function emit(name, payload) {
      payload = payload || {};
      if (name === 'error') {
        lastError = payload;
      }
      if (CALLBACKS[name]) {
        call(options[CALLBACKS[name]], [payload]);
      }
      call(options.onEvent, [name, payload]);
      if (name === 'exit') {
        var error = payload.error || null;
        close(function () { call(options.onExit, error ? [error] : []); });
      }
    }

    function onMessage(event) {
      if (!frame || event.source !== frame.contentWindow || event.origin !== widgetOrigin) {
        return;
      }
      var message = event.data;
      if (!message || typeof message !== 'object' || message.lp !== 1 || message.channel !== channel) {
        return;
      }
      if (message.type === 'ready') {
        clearTimeout(readyTimer);
        ready = true;
        post({ type: 'init', token: token });
      } else if (message.type === 'event' && typeof message.name === 'string') {
        emit(message.name, message.payload);
      }
    }

    function post(message) {
      if (frame && frame.contentWindow) {
        message.lp = 1;
        message.channel = channel;
        frame.contentWindow.postMessage(message, widgetOrigin);
      }
    }

    function widgetSrc() {
      var url = new URL('/widget', widgetBase);
      var tenant = token && token.kind !== 'claimCode' ? tenantOf(token.value) : null;
      if (tenant) {
        url.searchParams.set('tenant', tenant);
      }
      // The fragment never reaches a server: the channel id and the host's origin, never the token.
      url.hash = 'channel=' + channel + '&origin=' + encodeURIComponent(root.location.origin);
      return url.toString();
    }

    // The overlay fades out and leaves the page before afterwards (onExit) runs; open() and
    // destroy() remove it at once (immediately), the one to replace it, the other to be done.
    // The fade is not only for the eye: removing a cross-origin frame at once, while the browser
    // still delivers the click that closed it, can lose that click's acknowledgement (an automated
    // click then never returns).
    function close(afterwards, immediately) {
      clearTimeout(readyTimer);
      root.removeEventListener('message', onMessage);
      root.removeEventListener('keydown', onKeydown, true);
      var leaving = overlay;
      overlay = null;
      frame = null;
      channel = null;
      var shown = leaving && leaving.parentNode;
      if (shown) {
        root.document.documentElement.style.overflow = previousOverflow;
        if (previousFocus && typeof previousFocus.focus === 'function') {
          previousFocus.focus();
        }
      }
      function remove() {
        if (leaving && leaving.parentNode) {
          leaving.parentNode.removeChild(leaving);
        }
        if (afterwards) {
          afterwards();
        }
      }
      if (!shown || immediately) {
        remove();
        return;
      }
      css(leaving, { opacity: '0', pointerEvents: 'none', transition: 'opacity ' + FADE_OUT_MS + 'ms ease-in' });
      setTimeout(remove, FADE_OUT_MS);
    }

    function onKeydown(event) {
      // Escape on the host page (focus outside the frame) asks the widget for its exit confirmation.
      if (event.key === 'Escape' && overlay) {
        post({ type: 'exit' });
      }
    }

    function open(fresh) {
      if (destroyed) {
        throw new Error('Linkport: this handler was destroyed; create a new one');
      }
      var next = pickToken(fresh);
      if (next) {
        token = next;
      }
      if (!token) {
        throw new Error('Linkport: pass one of linkToken, accessToken, claimCode or authorizeToken');
      }
      close(null, true);
      lastError = null;
      ready = false;
      channel = randomId();
      var doc = root.document;
      previousFocus = doc.activeElement;
      previousOverflow = doc.documentElement.style.overflow;
      overlay = css(doc.createElement('div'), {
        position: 'fixed', inset: '0', zIndex: '2147483647', background: 'rgba(15,23,42,.55)',
        display: 'flex', alignItems: 'center', justifyContent: 'center', opacity: '1'
      });
      overlay.setAttribute('data-linkport', 'overlay');
      frame = css(doc.createElement('iframe'), {
        border: '0', width: '100%', height: '100%', maxWidth: root.innerWidth > 480 ? '420px' : '100%',
        maxHeight: root.innerWidth > 480 ? '700px' : '100%',
        background: '#fff', borderRadius: root.innerWidth > 480 ? '12px' : '0', colorScheme: 'normal'
      });
      frame.title = options.title || 'Connect your account';
      frame.setAttribute('data-linkport', 'widget');
      frame.setAttribute('referrerpolicy', 'no-referrer');
      root.addEventListener('message', onMessage);
      root.addEventListener('keydown', onKeydown, true);
      frame.src = widgetSrc();
      overlay.appendChild(frame);
      doc.body.appendChild(overlay);
      doc.documentElement.style.overflow = 'hidden';
      frame.focus();
      readyTimer = setTimeout(function () {
        emit('error', { code: 'widget_unavailable', message: 'The widget did not load. Is this origin allowed?', retryable: true });
        emit('exit', { error: lastError });
      }, options.loadTimeoutMs || LOAD_TIMEOUT_MS);
    }

    function exit() {
      if (!frame) {
        return;
      }
      if (ready) {
        post({ type: 'exit', confirmed: true });
      } else {
        emit('exit', { error: lastError });
      }
    }

    function destroy() {
      close(null, true);
      destroyed = true;
    }

    return { open: open, exit: exit, destroy: destroy };
  }

  root.Linkport = { sdkVersion: '1', create: create };
})(typeof window !== 'undefined' ? window : this,
  typeof document !== 'undefined' && document.currentScript ? document.currentScript.src : null);
