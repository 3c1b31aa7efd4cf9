// OneWindow (一窗通办): the supervision dashboard (督办监察) in Cockpit, through Cockpit's own
// frontend plugin points (no fork of Camunda). Data comes from the project's API:
//   GET /api/supervision/overdue, GET /api/supervision/warnings, GET /api/statistics
// which authenticate the Cockpit session and answer only to supervisors and administrators.

const ROUTE = '/onewindow-supervision';

// The project's API sits at the servlet context root; the page's base is <root>/camunda/app/cockpit/<engine>/.
function apiUrl(path) {
  return new URL('../../../../api/' + path, document.baseURI).toString();
}

async function getJson(path) {
  const response = await fetch(apiUrl(path), {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  if (!response.ok) {
    let detail = '';
    try {
      detail = (await response.json()).detail || '';
    } catch (e) {
      // not JSON
    }
    throw new Error(response.status + (detail ? '：' + detail : ''));
  }
  return response.json();
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === null || v === undefined) {
      return;
    }
    if (k === 'text') {
      node.textContent = v;
    } else if (k === 'class') {
      node.className = v;
    } else if (k.startsWith('on')) {
      node.addEventListener(k.substring(2), v);
    } else {
      node.setAttribute(k, v);
    }
  });
  children.flat().forEach(c => {
    if (c !== null && c !== undefined) {
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
  });
  return node;
}

function dateTime(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  const p = n => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + ' ' + p(d.getHours()) + ':' + p(d.getMinutes());
}

function percent(rate) {
  return rate === null || rate === undefined ? '—' : (rate * 100).toFixed(2) + '%';
}

function instanceLink(c) {
  return el('a', {href: '#/process-instance/' + encodeURIComponent(c.processInstanceId) + '/runtime',
    class: 'ow-instance-link', text: c.receiptNumber, title: '查看流程实例'});
}

function steps(c) {
  const lines = (c.lateSteps || []).map(s => el('div', {class: 'ow-step'}, s.activityName || s.activityId,
    s.departmentName ? el('span', {class: 'ow-muted', text: '（' + s.departmentName + '）'}) : null));
  const departments = (c.lateDepartments || []).map(d => d.name || d.code);
  return [lines.length ? el('div', {}, lines) : el('span', {text: '—'}), departments.join('、') || '—'];
}

function orders(c) {
  if (!c.supervisionOrders || c.supervisionOrders.length === 0) {
    return el('span', {class: 'ow-muted', text: '未督办'});
  }
  return el('div', {}, c.supervisionOrders.map(o => el('div', {class: 'ow-order'},
    el('span', {class: o.closedAt ? 'label label-default' : 'label label-warning', text: o.closedAt ? '已办结' : '督办中'}),
    ' ', o.instruction || (o.closedAt ? '' : '待填写督办意见'), o.issuedAt ? el('span', {class: 'ow-muted', text: '（' + dateTime(o.issuedAt) + '）'}) : null)));
}

function counts(title, rows) {
  return el('div', {class: 'ow-counts'},
    el('h4', {text: title}),
    rows.length === 0 ? el('p', {class: 'ow-muted', text: '无'}) :
      el('ul', {class: 'list-inline'}, rows.map(r => el('li', {},
        el('span', {class: 'badge', text: String(r.count)}), ' ', r.name || r.code))));
}

function boardTable(board, overdue) {
  if (board.cases.length === 0) {
    return el('p', {class: 'ow-empty', text: overdue ? '当前没有超期办件。' : '当前没有预警办件。'});
  }
  const head = ['办件编号', '事项', '申请人', '牵头部门', overdue ? '超期环节' : '当前环节', '环节部门',
    '承诺办结时间', overdue ? '超期（工作日）' : '剩余（工作日）', '督办'];
  return el('table', {class: 'table table-striped table-condensed cam-table ow-board', 'data-kind': board.kind},
    el('thead', {}, el('tr', {}, head.map(h => el('th', {text: h})))),
    el('tbody', {}, board.cases.map(c => {
      const [step, department] = steps(c);
      return el('tr', {'data-receipt-number': c.receiptNumber},
        el('td', {}, instanceLink(c), c.paused ? el('span', {class: 'label label-info ow-paused', text: '暂停计时'}) : null),
        el('td', {text: c.itemName}),
        el('td', {text: c.applicantName}),
        el('td', {text: c.leadDepartmentName}),
        el('td', {}, step),
        el('td', {text: department}),
        el('td', {text: dateTime(c.deadlineAt) + (c.calendarComplete ? '' : '（节假日未公布，暂按周末计算）')}),
        el('td', {class: overdue ? 'ow-days ow-overdue' : 'ow-days', text: String(overdue ? c.workingDaysOverdue : c.workingDaysLeft)}),
        el('td', {}, orders(c)));
    })));
}

function boardSection(title, path, overdue) {
  const body = el('div', {class: 'ow-body'}, el('p', {class: 'ow-muted', text: '正在加载…'}));
  const section = el('section', {class: 'ow-section', id: overdue ? 'ow-overdue' : 'ow-warnings'},
    el('h3', {}, title, ' ', el('span', {class: 'badge ow-total', text: '…'})), body);
  getJson(path).then(board => {
    section.querySelector('.ow-total').textContent = String(board.count);
    body.replaceChildren(
      el('p', {class: 'ow-muted', text: '统计时间：' + dateTime(board.asOf)
        + (board.count > board.cases.length ? '　列出' + (overdue ? '超期最久' : '期限最近') + '的 '
          + board.cases.length + ' 件，共 ' + board.count + ' 件（按部门、按事项为全部办件的统计）' : '')}),
      el('div', {class: 'row'},
        el('div', {class: 'col-md-6'}, counts('按部门', board.byDepartment)),
        el('div', {class: 'col-md-6'}, counts('按事项', board.byItem))),
      boardTable(board, overdue));
  }).catch(e => body.replaceChildren(el('div', {class: 'alert alert-danger', text: '加载失败：' + e.message})));
  return section;
}

// ------------------------------------------------------------------ statistics

const GROUPS = {department: '牵头部门', item: '事项', month: '月份'};

function isoDate(d) {
  const p = n => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate());
}

function chart(report) {
  const rows = report.rows;
  if (rows.length === 0) {
    return el('p', {class: 'ow-muted', text: '所选期间没有数据。'});
  }
  const ns = 'http://www.w3.org/2000/svg';
  const svgEl = (tag, attrs, text) => {
    const n = document.createElementNS(ns, tag);
    Object.entries(attrs).forEach(([k, v]) => n.setAttribute(k, v));
    if (text !== undefined) {
      n.textContent = text;
    }
    return n;
  };
  const max = Math.max(1, ...rows.map(r => Math.max(r.received, r.finished)));
  const band = 90;
  const height = 220;
  const top = 20;
  const plot = 150;
  const width = Math.max(420, rows.length * band + 60);
  const svg = svgEl('svg', {width, height, class: 'ow-chart', role: 'img', 'aria-label': '统计图'});
  const series = [['received', '收件', '#7aa6d6'], ['finished', '办结', '#5b9a68'], ['finishedOnTime', '按时办结', '#2f6b3a']];
  rows.forEach((r, i) => {
    const x0 = 40 + i * band;
    series.forEach(([key, , color], j) => {
      const h = Math.round(plot * r[key] / max);
      const bar = svgEl('rect', {x: x0 + j * 22, y: top + plot - h, width: 20, height: h, fill: color});
      bar.appendChild(svgEl('title', {}, series[j][1] + '：' + r[key]));
      svg.appendChild(bar);
    });
    svg.appendChild(svgEl('text', {x: x0, y: top + plot + 16, 'font-size': 12}, (r.label || r.key).substring(0, 8)));
    svg.appendChild(svgEl('text', {x: x0, y: top + plot + 32, 'font-size': 11, fill: '#555'}, percent(r.onTimeRate)));
  });
  series.forEach(([, name, color], j) => {
    svg.appendChild(svgEl('rect', {x: 40 + j * 90, y: 2, width: 12, height: 12, fill: color}));
    svg.appendChild(svgEl('text', {x: 56 + j * 90, y: 12, 'font-size': 12}, name));
  });
  return el('div', {class: 'ow-chart-box'}, svg);
}

function statisticsTable(report) {
  const head = ['代码', GROUPS[report.groupBy.toLowerCase()], '收件数', '受理数', '办结数', '按时办结数', '按时办结率', '平均办结工作日'];
  const row = (r, total) => el('tr', {class: total ? 'ow-total-row' : null},
    el('td', {text: total ? '' : r.key}), el('td', {text: r.label}), el('td', {text: String(r.received)}),
    el('td', {text: String(r.accepted)}), el('td', {text: String(r.finished)}), el('td', {text: String(r.finishedOnTime)}),
    el('td', {text: percent(r.onTimeRate)}),
    el('td', {text: r.averageWorkingDays === null ? '—' : String(r.averageWorkingDays)}));
  return el('table', {class: 'table table-condensed cam-table ow-statistics'},
    el('thead', {}, el('tr', {}, head.map(h => el('th', {text: h})))),
    el('tbody', {}, report.rows.map(r => row(r, false)), row(report.total, true)));
}

function statisticsSection() {
  const today = new Date();
  const from = el('input', {type: 'date', class: 'form-control input-sm', name: 'from',
    value: isoDate(new Date(today.getFullYear(), today.getMonth(), 1))});
  const to = el('input', {type: 'date', class: 'form-control input-sm', name: 'to', value: isoDate(today)});
  const groupBy = el('select', {class: 'form-control input-sm', name: 'groupBy'},
    Object.entries(GROUPS).map(([k, v]) => el('option', {value: k, text: '按' + v})));
  const csv = el('a', {class: 'btn btn-default btn-sm ow-csv', text: '下载 CSV', download: ''});
  const body = el('div', {class: 'ow-body'});
  const query = () => 'statistics?from=' + encodeURIComponent(from.value) + '&to=' + encodeURIComponent(to.value)
    + '&groupBy=' + encodeURIComponent(groupBy.value);
  const load = () => {
    csv.setAttribute('href', apiUrl(query() + '&format=csv'));
    body.replaceChildren(el('p', {class: 'ow-muted', text: '正在统计…'}));
    getJson(query())
      .then(report => body.replaceChildren(chart(report), statisticsTable(report),
        el('p', {class: 'ow-muted', text: '收件、受理、办结各按其发生日期计入期间；办结以作出决定为准；按时办结率 = 按时办结数 ÷ 办结数。'})))
      .catch(e => body.replaceChildren(el('div', {class: 'alert alert-danger', text: '统计失败：' + e.message})));
  };
  const form = el('form', {class: 'form-inline ow-form', onsubmit: e => {
    e.preventDefault();
    load();
  }},
  el('label', {text: '自 '}), from, el('label', {text: ' 至 '}), to, ' ', groupBy, ' ',
  el('button', {type: 'submit', class: 'btn btn-primary btn-sm', text: '统计'}), ' ', csv);
  load();
  return el('section', {class: 'ow-section', id: 'ow-statistics'}, el('h3', {text: '办件统计'}), form, body);
}

const STYLE = `
.ow-supervision { padding: 15px 20px; overflow-y: auto; max-height: calc(100vh - 90px); }
.ow-supervision h2 { margin-top: 0; }
.ow-section { margin-bottom: 30px; }
.ow-muted { color: #777; }
.ow-days.ow-overdue { color: #b5152b; font-weight: bold; }
.ow-paused { margin-left: 6px; }
.ow-order { margin-bottom: 2px; }
.ow-counts ul { margin-bottom: 5px; }
.ow-counts li { margin-bottom: 4px; }
.ow-form { margin-bottom: 12px; }
.ow-total-row td { font-weight: bold; border-top: 2px solid #999 !important; }
.ow-chart-box { overflow-x: auto; margin-bottom: 10px; }
.ow-summary .ow-number { font-size: 28px; font-weight: bold; margin-right: 6px; }
.ow-summary .ow-overdue { color: #b5152b; }
.ow-summary .ow-warning { color: #c77c00; }
`;

function page(node) {
  node.replaceChildren(el('div', {class: 'ow-supervision'},
    el('style', {text: STYLE}),
    el('h2', {text: '督办监察'}),
    el('p', {class: 'ow-muted', text: '承诺件的预警与超期情况，按工作日计算（法定节假日不计）。点击办件编号查看流程实例。'}),
    boardSection('超期办件', 'supervision/overdue', true),
    boardSection('预警办件', 'supervision/warnings', false),
    statisticsSection()));
}

function summary(node) {
  const box = el('div', {class: 'ow-summary'}, el('style', {text: STYLE}), el('p', {class: 'ow-muted', text: '正在加载…'}));
  node.replaceChildren(el('section', {class: 'dashboard-section'}, el('h3', {text: '督办监察'}), box));
  // Only the counts are shown here: one listed case each instead of the board's page of 200.
  Promise.all([getJson('supervision/overdue?limit=1'), getJson('supervision/warnings?limit=1')]).then(([overdue, warnings]) => {
    box.replaceChildren(el('p', {},
      el('span', {class: 'ow-number ow-overdue', text: String(overdue.count)}), '件超期　',
      el('span', {class: 'ow-number ow-warning', text: String(warnings.count)}), '件预警　',
      el('a', {href: '#' + ROUTE, class: 'btn btn-default btn-sm', text: '进入督办监察'})));
  }).catch(() => node.replaceChildren());
}

export default [
  {
    id: 'onewindow.supervision.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 100,
    properties: {
      pagePath: '#' + ROUTE,
      label: '督办监察',
      checkActive: path => path.indexOf('#' + ROUTE) > -1
    }
  },
  {
    id: 'onewindow.supervision.route',
    pluginPoint: 'cockpit.route',
    properties: {path: ROUTE, label: '督办监察'},
    render: node => page(node)
  },
  {
    id: 'onewindow.supervision.dashboard',
    pluginPoint: 'cockpit.dashboard',
    priority: 100,
    render: node => summary(node)
  }
];
