/*
 * The 4IM KPI dashboard (issue #6) as one ES module, used by the page /kpi and by the Cockpit plugin
 * (webjars/camunda/app/cockpit/scripts/kpi-plugin.js): renderDashboard(container, options) draws the whole dashboard
 * into the container and returns { reload, destroy }. Every text the users see is Hungarian; the figures come from
 * /api/kpi/* (aggregates and case references only, no names). Charts are drawn with Chart.js from this server's
 * webjar (pom.xml: chartjs.version).
 */
const CHART_JS = '/webjars/chart.js/4.4.1/dist/chart.umd.js';
const API = '/api/kpi';
const FILTERS = ['district', 'from', 'to', 'package', 'track'];

const OUTCOMES = {
  'employed-full': 'Teljes munkaidős foglalkoztatás', 'employed-home': 'Otthonról végzett munka',
  'employed-reduced': 'Megváltozott munkaképességű foglalkoztatás', 'in-training': 'Képzésben',
  'activated': 'Egyéb aktiváló program', 'closer-to-services': 'Közelebb a szolgáltatásokhoz',
  'dropped-out': 'Lemorzsolódott', 'moved-away': 'Elköltözött', 'deceased': 'Elhunyt'
};
const FUNNEL = {
  householdsPlanned: 'Tervezett háztartás', householdsVisited: 'Meglátogatott', householdsSurveyed: 'Felmért',
  consenting: 'Hozzájáruló résztvevő', assessed: 'Igényfelmérés kész', referred: 'Beutalt', accepted: 'Befogadott',
  inService: 'Szolgáltatásban', closed: 'Lezárt'
};
const TRACKS = { full: 'teljes munkaidő', home: 'otthonról', reduced: 'megváltozott munkaképesség' };

const STYLE = `
.kpi-dashboard { font-family: system-ui, sans-serif; color: #222; font-size: 14px; }
.kpi-dashboard form.kpi-filters { display: flex; gap: 12px; flex-wrap: wrap; align-items: end; margin-bottom: 16px; }
.kpi-dashboard form.kpi-filters label { display: flex; flex-direction: column; font-size: 13px; font-weight: normal; margin: 0; }
.kpi-dashboard .kpi-cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; margin-bottom: 16px; }
.kpi-dashboard .kpi-card { background: #fff; border-radius: 6px; padding: 12px 16px; box-shadow: 0 1px 2px rgba(0,0,0,.1); }
.kpi-dashboard .kpi-big { font-size: 30px; font-weight: 600; }
.kpi-dashboard .kpi-ok { color: #1e8449; } .kpi-dashboard .kpi-bad { color: #b03a2e; }
.kpi-dashboard .kpi-grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin-bottom: 16px; }
.kpi-dashboard .kpi-grid2 > * { min-width: 0; }
.kpi-dashboard .kpi-grid2 > table { display: block; overflow-x: auto; }
@media (max-width: 1000px) { .kpi-dashboard .kpi-grid2 { grid-template-columns: 1fr; } }
.kpi-dashboard table { border-collapse: collapse; width: 100%; background: #fff; font-size: 14px; }
.kpi-dashboard th, .kpi-dashboard td { padding: 6px 8px; border-bottom: 1px solid #ddd; text-align: right; }
.kpi-dashboard th:first-child, .kpi-dashboard td:first-child { text-align: left; }
.kpi-dashboard h2 { font-size: 18px; margin: 20px 0 8px; }
.kpi-dashboard .kpi-error { color: #b03a2e; font-weight: 600; }
.kpi-dashboard .kpi-note { color: #555; font-size: 13px; }
.kpi-dashboard .kpi-chart { position: relative; height: 320px; background: #fff; border-radius: 6px; padding: 8px; }
`;

const TEMPLATE = `
  <form class="kpi-filters" id="kpi-filters">
    <label>Városrész <select name="district" id="kpi-district"><option value="">Összes városrész</option></select></label>
    <label>Szolgáltatási csomag <select name="package" id="kpi-package"><option value="">Összes csomag</option></select></label>
    <label>Kezdete <input type="date" name="from" id="kpi-from"></label>
    <label>Vége <input type="date" name="to" id="kpi-to"></label>
    <button type="submit" id="kpi-apply">Szűrés</button>
    <a id="kpi-csv" href="${API}/outcomes.csv">Eredménytábla letöltése (CSV, álnevesített)</a>
  </form>
  <p class="kpi-note" id="kpi-package-note" hidden>Csak azok a résztvevők, akiket a kiválasztott csomagba beutaltak
    (bármely döntéssel); a csomagtáblában ugyanezen emberek összes beutalása látszik.</p>
  <p class="kpi-error" id="kpi-error" role="alert"></p>

  <section class="kpi-cards" aria-label="Fő mutatók">
    <div class="kpi-card">
      <div>Aktiváltak aránya a kezdetben munkaerőpiacra készek között</div>
      <div class="kpi-big" id="kpi-activationRate">…</div>
      <div>cél: <span id="kpi-target">80 %</span> · <span id="kpi-activatedAmongReady">…</span> / <span id="kpi-readyAtStart">…</span> fő</div>
    </div>
    <div class="kpi-card">
      <div>Szolgáltatásokhoz közelebb került a többiek közül</div>
      <div class="kpi-big" id="kpi-closerRate">…</div>
      <div><span id="kpi-closerAmongOthers">…</span> / <span id="kpi-notReadyAtStart">…</span> fő</div>
    </div>
    <div class="kpi-card">
      <div>Programcél teljesülése (a) + (b)</div>
      <div class="kpi-big" id="kpi-programmeRate">…</div>
      <div>cél: több mint 80 %</div>
    </div>
    <div class="kpi-card">
      <div>Résztvevők (hozzájárultak)</div>
      <div class="kpi-big" id="kpi-participants">…</div>
    </div>
  </section>

  <div class="kpi-grid2">
    <div><h2>Tölcsér: háztartástól a lezárásig</h2><div class="kpi-chart"><canvas id="kpi-funnelChart"></canvas></div></div>
    <div><h2>Lezárt utak eredmény szerint</h2><div class="kpi-chart"><canvas id="kpi-outcomeChart"></canvas></div></div>
  </div>

  <h2>Szolgáltatási csomagok</h2>
  <table id="kpi-packages">
    <thead><tr><th>Csomag</th><th>Beutalt fő</th><th>Befogadott fő</th><th>Befogadási arány</th><th>Medián nap (felméréstől befogadásig)</th></tr></thead>
    <tbody></tbody>
  </table>

  <h2>Városrészek</h2>
  <div class="kpi-grid2">
    <div class="kpi-chart"><canvas id="kpi-districtChart"></canvas></div>
    <table id="kpi-districts">
      <thead><tr><th>Városrész</th><th>Háztartás</th><th>Résztvevő</th><th>Kész</th><th>Aktivált</th><th>Arány</th><th>Befogadási arány</th><th>Medián nap</th></tr></thead>
      <tbody></tbody>
    </table>
  </div>

  <h2>Ami most késik</h2>
  <div class="kpi-cards" id="kpi-late">
    <div class="kpi-card"><div>Lejárt utánkövetés</div><div class="kpi-big" id="kpi-lateFollowUps">…</div><ul id="kpi-lateFollowUpList"></ul></div>
    <div class="kpi-card"><div>Beutalás, amely több mint <span id="kpi-lateDays">7</span> napja vár</div><div class="kpi-big" id="kpi-lateReferrals">…</div><ul id="kpi-lateReferralList"></ul></div>
    <div class="kpi-card"><div>Döntésre váró tanácsi ügy</div><div class="kpi-big" id="kpi-lateCouncil">…</div><ul id="kpi-lateCouncilList"></ul></div>
  </div>

  <h2>Jóléti mutató városrészenként (első felmérés → legutóbbi)</h2>
  <div class="kpi-grid2">
    <div class="kpi-chart"><canvas id="kpi-welfareChart"></canvas></div>
    <table id="kpi-welfare">
      <thead><tr><th>Városrész</th><th>Háztartás</th><th>0–19</th><th>20–39</th><th>40–59</th><th>60–79</th><th>80–100</th><th>Újrafelmért</th><th>Átlagos változás</th></tr></thead>
      <tbody></tbody>
    </table>
  </div>
`;

let chartJs;

/** Chart.js (UMD) as window.Chart, loaded once; an AMD loader on the page (Cockpit) must not capture it. */
function loadChartJs() {
  if (window.Chart) {
    return Promise.resolve(window.Chart);
  }
  if (!chartJs) {
    chartJs = new Promise((resolve, reject) => {
      const amdDefine = window.define;
      window.define = undefined;
      const script = document.createElement('script');
      script.src = CHART_JS;
      script.onload = () => { window.define = amdDefine; resolve(window.Chart); };
      script.onerror = () => { window.define = amdDefine; chartJs = undefined; reject(new Error(CHART_JS)); };
      document.head.appendChild(script);
    });
  }
  return chartJs;
}

function addStyle() {
  if (!document.getElementById('kpi-dashboard-style')) {
    const style = document.createElement('style');
    style.id = 'kpi-dashboard-style';
    style.textContent = STYLE;
    document.head.appendChild(style);
  }
}

const num = n => Number(n).toLocaleString('hu-HU');
const pct = r => r === null || r === undefined ? '–'
  : (r * 100).toLocaleString('hu-HU', { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + ' %';
const days = d => d === null || d === undefined ? '–' : d.toLocaleString('hu-HU') + ' nap';
const day = t => t ? new Date(t).toLocaleDateString('hu-HU') : '';

function row(cells) {
  const tr = document.createElement('tr');
  cells.forEach(c => { const td = document.createElement('td'); td.textContent = c; tr.appendChild(td); });
  return tr;
}

function option(value, text) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  return o;
}

/**
 * Draws the dashboard into the container. options.filter: the initial filter ({district, from, to, package, track});
 * options.onFilterChange(query): called with the query string (e.g. '?district=tetemvar') after every load.
 */
export function renderDashboard(container, options = {}) {
  addStyle();
  const root = document.createElement('div');
  root.className = 'kpi-dashboard';
  root.innerHTML = TEMPLATE;
  container.replaceChildren(root);

  const charts = {};
  let destroyed = false;
  const el = id => root.querySelector('#kpi-' + id);
  const set = (id, text) => { el(id).textContent = text; };

  function chart(id, config) {
    if (charts[id]) charts[id].destroy();
    config.options = Object.assign({ animation: false, maintainAspectRatio: false }, config.options);
    charts[id] = new window.Chart(el(id), config);
  }

  function filter() {
    const [servicePackage, track] = el('package').value.split(':');
    return { district: el('district').value, from: el('from').value, to: el('to').value,
      package: servicePackage || '', track: track || '' };
  }

  function query(values, names) {
    const params = new URLSearchParams();
    names.forEach(n => { if (values[n]) params.set(n, values[n]); });
    return params.toString() ? '?' + params : '';
  }

  async function get(path) {
    const response = await fetch(API + path, { headers: { 'Accept-Language': 'hu', 'Accept': 'application/json' } });
    if (response.status === 401 || response.status === 403) {
      throw new Error('Nincs jogosultsága a programmutatók megtekintéséhez (koordinátorok, folyamatgazdák, '
        + 'a Tanács tagjai és a rendszergazdák láthatják).');
    }
    const body = await response.json();
    if (!response.ok) {
      throw new Error(body.message || ('Hiba: ' + response.status));
    }
    return body;
  }

  function render(s) {
    set('participants', num(s.participants));
    set('readyAtStart', num(s.readyAtStart));
    set('activatedAmongReady', num(s.activatedAmongReady));
    set('activationRate', pct(s.activationRate));
    set('target', pct(s.target));
    set('closerRate', pct(s.closerRate));
    set('closerAmongOthers', num(s.closerAmongOthers));
    set('notReadyAtStart', num(s.notReadyAtStart));
    set('programmeRate', pct(s.programmeRate));
    el('activationRate').className = 'kpi-big ' +
      (s.activationRate === null ? '' : s.activationRate > s.target ? 'kpi-ok' : 'kpi-bad');
    el('programmeRate').className = 'kpi-big ' +
      (s.programmeRate === null ? '' : s.programmeRate > s.target ? 'kpi-ok' : 'kpi-bad');

    chart('funnelChart', { type: 'bar', data: { labels: Object.keys(s.funnel).map(k => FUNNEL[k] || k),
      datasets: [{ label: 'fő / háztartás', data: Object.values(s.funnel), backgroundColor: '#2e86c1' }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } } } });
    chart('outcomeChart', { type: 'bar', data: { labels: Object.keys(s.outcomes).map(k => OUTCOMES[k] || k),
      datasets: [{ label: 'lezárt út', data: Object.values(s.outcomes), backgroundColor: '#28b463' }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } } } });

    const packages = root.querySelector('#kpi-packages tbody');
    packages.replaceChildren();
    Object.entries(s.byPackage).forEach(([code, p]) => {
      packages.appendChild(row([p.name || code, num(p.referred), num(p.acceptedParticipants), pct(p.acceptanceRate),
        days(p.medianDaysToAccepted)]));
      Object.entries(p.tracks || {}).forEach(([t, tr]) => packages.appendChild(row(['  – ' + (TRACKS[t] || t),
        num(tr.referred), num(tr.acceptedParticipants), pct(tr.acceptanceRate), days(tr.medianDaysToAccepted)])));
    });

    const districts = root.querySelector('#kpi-districts tbody');
    districts.replaceChildren();
    const entries = Object.entries(s.byDistrict);
    entries.forEach(([code, d]) => districts.appendChild(row([d.name || code, num(d.households), num(d.participants),
      num(d.readyAtStart), num(d.activatedAmongReady), pct(d.activationRate), pct(d.acceptanceRate),
      days(d.medianDaysToAccepted)])));
    chart('districtChart', { type: 'bar', data: { labels: entries.map(([c, d]) => d.name || c), datasets: [
      { label: 'Aktiválási arány (%)', data: entries.map(([, d]) => d.activationRate === null ? null : d.activationRate * 100),
        backgroundColor: '#2e86c1' },
      { label: 'Cél (%)', type: 'line', data: entries.map(() => s.target * 100), borderColor: '#b03a2e', pointRadius: 0 }] },
      options: { scales: { y: { min: 0, max: 100 } } } });
  }

  function list(id, items, text) {
    const ul = el(id);
    ul.replaceChildren();
    items.slice(0, 10).forEach(item => {
      const li = document.createElement('li');
      const label = text(item);
      if (item.link) {
        const a = document.createElement('a');
        a.href = item.link;
        a.textContent = label;
        li.appendChild(a);
      } else {
        li.textContent = label;
      }
      ul.appendChild(li);
    });
  }

  function renderLate(l) {
    set('lateFollowUps', num(l.overdueFollowUps.count));
    set('lateReferrals', num(l.waitingReferrals.count));
    set('lateDays', l.waitingReferrals.days);
    set('lateCouncil', num(l.openCouncilItems.count));
    list('lateFollowUpList', l.overdueFollowUps.items, i => (i.caseRef || '') + ' – határidő ' + day(i.due));
    list('lateReferralList', l.waitingReferrals.items,
      i => (i.caseRef || '') + ' – ' + i.task + ', ' + day(i.created) + ' óta');
    list('lateCouncilList', l.openCouncilItems.items, i => i.reference + ' – ' + i.title);
  }

  function renderWelfare(w) {
    const body = root.querySelector('#kpi-welfare tbody');
    body.replaceChildren();
    const entries = Object.entries(w.byDistrict);
    entries.forEach(([code, d]) => body.appendChild(row([d.name || code, num(d.households)]
      .concat(w.bands.map(b => num(d.firstSurvey[b]) + ' → ' + num(d.latestSurvey[b])))
      .concat([num(d.resurveyed), d.averageChange === null ? '–'
        : (d.averageChange > 0 ? '+' : '') + d.averageChange.toLocaleString('hu-HU') + ' pont']))));
    chart('welfareChart', { type: 'bar', data: { labels: entries.map(([c, d]) => d.name || c), datasets: [
      { label: 'Első felmérés átlaga (újrafelmértek)', data: entries.map(([, d]) => d.resurveyedFirstAverage), backgroundColor: '#aab7b8' },
      { label: 'Legutóbbi felmérés átlaga', data: entries.map(([, d]) => d.resurveyedLatestAverage), backgroundColor: '#28b463' }] },
      options: { scales: { y: { min: 0, max: 100 } } } });
  }

  async function load() {
    const values = filter();
    const all = query(values, FILTERS);
    el('csv').href = API + '/outcomes.csv' + all;
    el('package-note').hidden = !values.package;
    set('error', '');
    delete root.dataset.loaded;
    try {
      await loadChartJs();
      const [summary, late, welfare] = await Promise.all([get('/summary' + all),
        get('/late' + query(values, ['district', 'package'])), get('/welfare' + all)]);
      if (destroyed) return;
      render(summary);
      renderLate(late);
      renderWelfare(welfare);
      if (options.onFilterChange) options.onFilterChange(all);
      root.dataset.loaded = 'true';
    } catch (e) {
      set('error', e.message === CHART_JS ? 'A grafikonkönyvtár nem töltődött be.' : e.message);
    }
  }

  /** The district and package choices come from the summary itself (every active district, all five packages). */
  async function init() {
    const initial = options.filter || {};
    let all = { byDistrict: {}, byPackage: {} };
    try {
      all = await get('/summary?from=2999-01-01');
    } catch (e) {
      set('error', e.message);
      return;
    }
    const district = el('district');
    Object.entries(all.byDistrict || {}).forEach(([code, d]) => district.appendChild(option(code, d.name || code)));
    if (initial.district && !Object.prototype.hasOwnProperty.call(all.byDistrict || {}, initial.district)) {
      district.appendChild(option(initial.district, initial.district));
    }
    const servicePackage = el('package');
    Object.entries(all.byPackage || {}).forEach(([code, p]) => {
      servicePackage.appendChild(option(code, p.name || code));
      Object.keys(p.tracks || {}).forEach(t => servicePackage.appendChild(option(code + ':' + t,
        '  – ' + (p.name || code) + ': ' + (TRACKS[t] || t))));
    });
    ['district', 'from', 'to'].forEach(n => { if (initial[n]) el(n).value = initial[n]; });
    if (initial.package || initial.track) {
      el('package').value = (initial.package || 'employment') + (initial.track ? ':' + initial.track : '');
    }
    el('filters').addEventListener('submit', e => { e.preventDefault(); load(); });
    await load();
  }

  init();
  return {
    reload: load,
    destroy() {
      destroyed = true;
      Object.values(charts).forEach(c => c.destroy());
    }
  };
}
