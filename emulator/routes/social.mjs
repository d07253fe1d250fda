/**
 * The "social" domains of core (MongoDB in core, contract §3.20): project connections, image
 * consultations and user positions. They are plain records (no commands, no undo); the answers
 * are the objects themselves, not command responses.
 */
import { forbidden, listPath1, objectNotFound, pagingParams, wrongArgument } from '../envelope.mjs';
import { DOMAINS } from '../domains.mjs';
import { ms } from '../serialize.mjs';
import { dateAttr, doubleAttr, toLong } from './common.mjs';
import { readableImage } from './images.mjs';
import { readableProject } from './projects.mjs';

const S = 'be.cytomine.domain.social.';
const PERIODS = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };
const newest = (a, b) => b.created - a.created || b.id - a.id;

/** @param {import('../router.mjs').Router} r */
export function register(r) {
  const rows = (ctx, table, pred) => ctx.store.all(table).filter(pred).sort(newest);
  const lastConnectionOf = (ctx, uid, pid) => rows(ctx, 'userconnection', (c) => c.user === uid && c.project === pid)[0] ?? null;

  // --- project connections ---
  const connectionJson = (ctx, c) => {
    const next = rows(ctx, 'userconnection', (x) => x.user === c.user && x.project === c.project && x.created > c.created).at(-1);
    const until = next ? next.created : null;
    const inside = (x) => x.user === c.user && x.project === c.project && x.created >= c.created && (until === null || x.created < until);
    const consultations = rows(ctx, 'imageconsultation', inside);
    const online = !next && (ctx.env.lastSeen.get(c.user) ?? 0) >= Date.now() - 5 * 60_000;
    return {
      class: `${S}PersistentProjectConnection`, id: c.id, created: ms(c.created), updated: null, user: c.user, project: c.project,
      time: until === null ? null : until - c.created, os: c.os, browser: c.browser, browserVersion: c.browserVersion,
      countViewedImages: new Set(consultations.map((x) => x.image)).size,
      countCreatedAnnotations: ctx.store.annotationIdsOfProject(c.project).map((id) => ctx.store.get('annotation', id)).filter(inside).length,
      online, ...(c.extra ?? {}),
    };
  };
  r.add('POST', '/api/project/:p/userconnection.json', (ctx) => {
    const p = readableProject(ctx, ctx.pid('p'));
    const body = ctx.jsonObject();
    const str = (k) => (body[k] === undefined || body[k] === null ? null : String(body[k]));
    const c = { id: ctx.store.newId(), created: Date.now(), user: ctx.user.id, project: p.id, os: str('os'), browser: str('browser'), browserVersion: str('browserVersion') };
    ctx.store.insert('userconnection', c);
    return connectionJson(ctx, c);
  });
  const connectionsOf = (ctx) => {
    const p = readableProject(ctx, ctx.pid('p'));
    const uid = ctx.pid('u');
    return rows(ctx, 'userconnection', (c) => c.project === p.id && c.user === uid);
  };
  r.add('GET', '/api/project/:p/connectionHistory/:u.json', (ctx) => listPath1(connectionsOf(ctx), pagingParams(ctx), (c) => connectionJson(ctx, c)));
  r.add('GET', '/api/project/:p/userconnection/:u.json', (ctx) => listPath1(connectionsOf(ctx), pagingParams(ctx), (c) => connectionJson(ctx, c)));
  r.add('GET', '/api/project/:p/lastConnection.json', (ctx) => {
    const p = readableProject(ctx, ctx.pid('p'));
    const last = new Map();
    for (const c of rows(ctx, 'userconnection', (x) => x.project === p.id)) if (!last.has(c.user)) last.set(c.user, c);
    return listPath1([...last.values()].sort((a, b) => a.user - b.user), pagingParams(ctx), (c) => ({ user: c.user, created: ms(c.created) }));
  });

  /** Connections filtered by the project, user, afterThan and beforeThan parameters. */
  const connections = (ctx, pid, uid) => {
    if (pid !== null) readableProject(ctx, pid);
    else if (!ctx.perms.isAdmin) uid = ctx.user.id;
    const after = dateAttr(ctx.q('afterThan'));
    const before = dateAttr(ctx.q('beforeThan'));
    return rows(ctx, 'userconnection', (c) => (pid === null || c.project === pid) && (uid === null || c.user === uid)
      && (after === null || c.created >= after) && (before === null || c.created <= before) && (pid !== null || ctx.perms.canRead(c.project)));
  };
  const period = (ctx, required) => {
    const p = ctx.q('period');
    if (!p && required) throw wrongArgument('Required request parameter \'period\' for method parameter type String is not present', { noErrorValues: true });
    if (p && !PERIODS[p]) throw wrongArgument(`period must be one of ${Object.keys(PERIODS).join(', ')}`);
    return PERIODS[p ?? 'hour'];
  };
  /** `[{time, frequency}]`: connections per period bucket, oldest first. */
  const frequency = (ctx, list, step) => {
    const counts = new Map();
    for (const c of list) {
      const t = Math.floor(c.created / step) * step;
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    return listPath1([...counts.entries()].sort((a, b) => a[0] - b[0]).map(([time, n]) => ({ time, frequency: n })), pagingParams(ctx));
  };
  r.add('GET', '/api/averageConnections.json', (ctx) => {
    const step = period(ctx, false);
    const list = connections(ctx, ctx.qLong('project'), ctx.qLong('user'));
    // average number of connections per time of day (hour) or weekday, over the days covered
    const slot = step === PERIODS.week ? (t) => new Date(t).getUTCDay() : (t) => new Date(t).getUTCHours();
    const days = Math.max(1, new Set(list.map((c) => Math.floor(c.created / PERIODS.day))).size);
    const counts = new Map();
    for (const c of list) counts.set(slot(c.created), (counts.get(slot(c.created)) ?? 0) + 1);
    return listPath1([...counts.entries()].sort((a, b) => a[0] - b[0]).map(([time, n]) => ({ time, frequency: n / days })), pagingParams(ctx));
  });
  r.add('GET', '/api/connectionFrequency.json', (ctx) => {
    const step = period(ctx, true);
    return frequency(ctx, connections(ctx, ctx.qLong('project'), ctx.qLong('user')), step);
  });
  r.add('GET', '/api/project/:p/connectionFrequency.json', (ctx) => frequency(ctx, connections(ctx, ctx.pid('p'), ctx.qLong('user')), period(ctx, false)));
  r.add('GET', '/api/project/:p/connectionFrequency/:u.json', (ctx) => frequency(ctx, connections(ctx, ctx.pid('p'), ctx.pid('u')), period(ctx, false)));

  // --- image consultations ---
  const consultationJson = (ctx, c) => ({
    class: `${S}PersistentImageConsultation`, id: c.id, created: ms(c.created), updated: null, user: c.user, image: c.image,
    imageName: c.imageName, imageThumb: `${ctx.view.serverURL}/api/imageinstance/${c.image}/thumb.png?maxSize=256`, mode: c.mode,
    project: c.project, projectConnection: c.projectConnection, time: c.time ?? null, countCreatedAnnotations: c.countCreatedAnnotations ?? 0,
  });
  r.add('POST', '/api/imageinstance/:id/consultation.json', (ctx) => {
    const ii = readableImage(ctx, ctx.pid());
    const body = ctx.jsonObject();
    const ai = ctx.store.get('abstractimage', ii.baseImage);
    const c = {
      id: ctx.store.newId(), created: Date.now(), user: ctx.user.id, image: ii.id, project: ii.project, mode: String(body.mode ?? 'view'),
      imageName: ii.instanceFilename || ai?.originalFilename || null, projectConnection: lastConnectionOf(ctx, ctx.user.id, ii.project)?.id ?? null,
    };
    // the previous consultation of the user ends now
    const previous = rows(ctx, 'imageconsultation', (x) => x.user === c.user)[0];
    if (previous && previous.time === undefined) previous.time = c.created - previous.created;
    ctx.store.insert('imageconsultation', c);
    return consultationJson(ctx, c);
  });
  r.add('GET', '/api/project/:p/user/:u/imageconsultation.json', (ctx) => {
    const p = readableProject(ctx, ctx.pid('p'));
    const uid = ctx.pid('u');
    let list = rows(ctx, 'imageconsultation', (c) => c.project === p.id && c.user === uid);
    if (ctx.qBool('distinctImages')) {
      const seen = new Set();
      list = list.filter((c) => !seen.has(c.image) && seen.add(c.image));
    }
    return listPath1(list, pagingParams(ctx), (c) => consultationJson(ctx, c));
  });
  r.add('GET', '/api/projectConnection/:id.json', (ctx) => {
    const pc = ctx.store.get('userconnection', ctx.pid());
    if (!pc) throw objectNotFound('PersistentProjectConnection', ctx.pid());
    readableProject(ctx, pc.project);
    return listPath1(rows(ctx, 'imageconsultation', (c) => c.projectConnection === pc.id), pagingParams(ctx), (c) => consultationJson(ctx, c));
  });
  r.add('GET', '/api/imageconsultation/resume.json', (ctx) => {
    const pid = toLong(ctx.q('project'));
    const uid = toLong(ctx.q('user')) ?? ctx.user.id;
    if (pid === null || Number.isNaN(pid)) throw wrongArgument('project must be set');
    readableProject(ctx, pid);
    const byImage = new Map();
    for (const c of rows(ctx, 'imageconsultation', (x) => x.project === pid && x.user === uid).reverse()) {
      const s = byImage.get(c.image) ?? { image: c.image, imageName: c.imageName, imageThumb: consultationJson(ctx, c).imageThumb, time: 0, frequency: 0, first: ms(c.created), last: null, countCreatedAnnotations: 0 };
      s.time += c.time ?? 0;
      s.frequency += 1;
      s.last = ms(c.created);
      byImage.set(c.image, s);
    }
    return listPath1([...byImage.values()], pagingParams(ctx));
  });

  // --- user positions ---
  const positionJson = (p) => ({
    class: `${S}PersistentUserPosition`, id: p.id, created: ms(p.created), updated: null, user: p.user, image: p.image, slice: p.slice,
    project: p.project, zoom: p.zoom, rotation: p.rotation, broadcast: p.broadcast, location: p.location, x: p.x, y: p.y,
  });
  const CORNERS = ['topLeft', 'topRight', 'bottomRight', 'bottomLeft'];
  const addPosition = (ctx, ii, sliceId) => {
    const body = ctx.jsonObject();
    const pts = CORNERS.map((k) => {
      const x = doubleAttr(body, `${k}X`);
      const y = doubleAttr(body, `${k}Y`);
      if (x === null || y === null) throw wrongArgument(`${k}X and ${k}Y must be set`);
      return [x, y];
    });
    const slice = sliceId ?? ctx.store.slicesOfImage(ii.id)[0]?.id ?? null;
    const p = {
      id: ctx.store.newId(), created: Date.now(), user: ctx.user.id, image: ii.id, slice, project: ii.project,
      zoom: toLong(body.zoom), rotation: doubleAttr(body, 'rotation') ?? 0, broadcast: String(body.broadcast) === 'true',
      location: `POLYGON ((${[...pts, pts[0]].map(([x, y]) => `${x} ${y}`).join(', ')}))`,
      x: pts.reduce((n, [x]) => n + x, 0) / 4, y: pts.reduce((n, [, y]) => n + y, 0) / 4,
    };
    ctx.store.insert('userposition', p);
    return positionJson(p);
  };
  r.add('POST', '/api/imageinstance/:id/position.json', (ctx) => addPosition(ctx, readableImage(ctx, ctx.pid()), null));
  r.add('POST', '/api/sliceinstance/:id/position.json', (ctx) => {
    const sl = ctx.store.get('sliceinstance', ctx.pid());
    if (!sl) throw objectNotFound('SliceInstance', ctx.pid());
    return addPosition(ctx, readableImage(ctx, sl.image), sl.id);
  });
  r.add('GET', '/api/imageinstance/:id/position/:user.json', (ctx) => {
    const ii = readableImage(ctx, ctx.pid());
    const uid = ctx.pid('user');
    const broadcast = ctx.qBool('broadcast');
    const last = rows(ctx, 'userposition', (p) => p.image === ii.id && p.user === uid && (!broadcast || p.broadcast))[0];
    return last ? positionJson(last) : {};
  });
  // core's RestUserPositionController.list: UserPositionService.list/summarize check WRITE on the
  // image (its project's managers); showDetails defaults to false; the summary groups by viewport
  // (location, zoom, rotation) whoever looked
  const positions = (ctx) => {
    const ii = readableImage(ctx, ctx.pid());
    const uid = ctx.qLong('user');
    if (uid !== null && !ctx.store.get('user', uid)) throw objectNotFound('User', uid);
    const sid = ctx.qLong('slice');
    if (sid !== null && !ctx.store.get('sliceinstance', sid)) throw objectNotFound('SliceInstance', sid);
    if (!ctx.perms.isManager(ii.project)) throw forbidden(`You don't have the right to read or modify this resource! class ${DOMAINS.imageinstance.cls} ${ii.id}`);
    const after = dateAttr(ctx.q('afterThan'));
    const before = dateAttr(ctx.q('beforeThan'));
    const list = rows(ctx, 'userposition', (p) => p.image === ii.id && (uid === null || p.user === uid) && (sid === null || p.slice === sid)
      && (after === null || p.created >= after) && (before === null || p.created <= before));
    if (ctx.qBool('showDetails', false)) return listPath1(list, pagingParams(ctx), positionJson);
    const groups = new Map();
    for (const p of list) {
      const k = `${p.location}|${p.zoom}|${p.rotation}`;
      const g = groups.get(k) ?? { location: p.location.replace(/^POLYGON \(\(|\)\)$/g, '').split(', ').map((xy) => xy.split(' ').map(Number)),
        zoom: p.zoom, rotation: p.rotation, frequency: 0, image: p.image };
      g.frequency += 1;
      groups.set(k, g);
    }
    return listPath1([...groups.values()], pagingParams(ctx));
  };
  r.add('GET', '/api/imageinstance/:id/positions.json', positions);
  r.add('GET', '/api/imageinstance/:id/position.json', positions);
}
