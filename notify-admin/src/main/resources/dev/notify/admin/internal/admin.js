// notify admin page: Override / Reset / Replace / Clear, and showing only the settings that apply (the delivery
// method's, and none of a channel that is switched off).
// No inline script anywhere: the page's Content-Security-Policy allows this file only.
(function () {
  'use strict';

  function control(row) {
    return row.querySelector('input:not([type=hidden]), select');
  }

  function setMode(row, mode) {
    var ctl = control(row);
    var isSecret = ctl && ctl.type === 'password';
    row.querySelector('input.mode').value = mode;
    var origin = row.querySelector('.origin');
    var override = row.querySelector('button.override');
    var reset = row.querySelector('button.reset');
    if (mode === 'set') {
      origin.textContent = 'set here';
      override.hidden = true;
      reset.hidden = false;
      if (isSecret) {
        row.querySelector('button.replace').hidden = false;
        row.querySelector('button.clear').hidden = false;
        replaceSecret(row);
      } else {
        ctl.disabled = false;
        ctl.focus();
      }
    } else {
      origin.textContent = row.getAttribute('data-inherited-origin');
      override.hidden = false;
      reset.hidden = true;
      if (isSecret) {
        row.querySelector('button.replace').hidden = true;
        row.querySelector('button.clear').hidden = true;
        row.querySelector('input.secret-action').value = 'keep';
        var state = row.querySelector('.secret-state');
        state.textContent = state.getAttribute('data-inherited');
        ctl.value = '';
        ctl.disabled = true;
      } else {
        ctl.value = ctl.getAttribute('data-inherited') || '';
        ctl.disabled = true;
      }
      override.focus();
    }
    updateVisibility();
  }

  function replaceSecret(row) {
    var ctl = control(row);
    row.querySelector('input.secret-action').value = 'replace';
    row.querySelector('.secret-state').textContent = 'will be replaced';
    ctl.disabled = false;
    ctl.placeholder = 'new value';
    ctl.focus();
  }

  function clearSecret(row) {
    var ctl = control(row);
    row.querySelector('input.secret-action').value = 'clear';
    row.querySelector('.secret-state').textContent = 'will be cleared';
    ctl.value = '';
    ctl.disabled = true;
  }

  function valueOf(key) {
    var ctl = document.getElementById(key);
    if (!ctl) {
      return '';
    }
    return ctl.value || ctl.getAttribute('data-default') || '';
  }

  // A row is shown while its delivery method is selected (data-when-*) and its channel is not switched off
  // (data-channel-switch names the channel's "enabled" key). Hidden rows keep their values and are still submitted.
  function updateVisibility() {
    var rows = document.querySelectorAll('.setting[data-when-key], .setting[data-channel-switch]');
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var whenKey = row.getAttribute('data-when-key');
      var channelSwitch = row.getAttribute('data-channel-switch');
      var applies = !whenKey || row.getAttribute('data-when-values').split(' ').indexOf(valueOf(whenKey)) >= 0;
      var channelOn = !channelSwitch || valueOf(channelSwitch) !== 'false';
      row.hidden = !(applies && channelOn);
    }
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('button');
    if (!button) {
      return;
    }
    var row = button.closest('.setting');
    if (!row) {
      return;
    }
    if (button.classList.contains('override')) {
      setMode(row, 'set');
    } else if (button.classList.contains('reset')) {
      setMode(row, 'inherit');
    } else if (button.classList.contains('replace')) {
      replaceSecret(row);
    } else if (button.classList.contains('clear')) {
      clearSecret(row);
    }
  });

  document.addEventListener('change', updateVisibility);
  document.addEventListener('input', updateVisibility);
  document.addEventListener('DOMContentLoaded', function () {
    document.documentElement.classList.add('js');
    updateVisibility();
  });
})();
