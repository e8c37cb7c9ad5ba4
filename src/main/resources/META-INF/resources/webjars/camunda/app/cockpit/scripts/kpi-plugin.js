/*
 * 4IM: the KPI dashboard inside Cockpit (issue #6), listed in customScripts of config.js. A navigation entry
 * "Programmutatók" (#/kpi) and a route that renders the same dashboard module as the page /kpi. Its API calls use the
 * Cockpit login (the webapp session, accepted by /api/kpi/* for reading), so there is no second login.
 * Plugin points and properties as Cockpit 7.24 reads them: cockpit.navigation {pagePath, label, checkActive},
 * cockpit.route {path} with render(container) and unmount().
 */
let dashboard;

export default [
  {
    id: 'fourim-kpi-navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 5,
    properties: {
      pagePath: '#/kpi',
      label: 'Programmutatók',
      checkActive: url => /#\/kpi(\?|$)/.test(url)
    }
  },
  {
    id: 'fourim-kpi-route',
    pluginPoint: 'cockpit.route',
    properties: {
      path: '/kpi',
      label: 'Programmutatók'
    },
    render: container => {
      // Cockpit's view area does not scroll (.ctn-wrapper is absolute, overflow hidden): this view scrolls itself
      container.style.cssText = 'position:absolute;top:0;right:0;bottom:0;left:0;overflow:auto;'
        + 'padding:15px 20px;background:#f4f5f7';
      container.innerHTML = '<h1 style="font-size:22px;margin:0 0 12px">4IM programmutatók</h1>'
        + '<div class="fourim-kpi"></div>';
      import('/kpi/dashboard.js')
        .then(module => { dashboard = module.renderDashboard(container.querySelector('.fourim-kpi')); })
        .catch(() => {
          container.querySelector('.fourim-kpi').textContent =
            'A programmutatók nem tölthetők be (koordinátorok, folyamatgazdák, a Tanács tagjai és a rendszergazdák láthatják).';
        });
    },
    unmount: () => {
      if (dashboard) {
        dashboard.destroy();
        dashboard = undefined;
      }
    }
  }
];
