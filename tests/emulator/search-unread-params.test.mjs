// What the annotation search of both cores does not read. Order: neither core's listing takes a
// sort from the request (AnnotationListing's ORDER BY is `a.id desc`, or the track rank; its
// `orderBy` map is never set from parameters, and the controller takes no Spring Pageable), so
// `sort`, `order`, `sortColumn`, `sortDirection` change nothing.
// Algorithm (job) annotations, as the two cores have them: none. Core 5.2's and today's
// AnnotationListingBuilder build a UserAnnotationListing, or a ReviewedAnnotationListing for
// `reviewed=true`, and read none of cytomine-client 3.1.0's algorithm parameters (`includeAlgo`,
// `showAlgo`, `noAlgoTerm`, `userForTermAlgo`, `suggestedTerm`, `jobs`, `userJob`): a search with them
// lists exactly what it lists without them. Neither core maps `project/{id}/algoannotation/count.json`
// nor `project/{id}/stats/algoannotationevolution.json`: an unmapped path, 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from '../../emulator/server.mjs';
import { api, getJson, projectByName } from './helpers.mjs';

const ALGO_PARAMS = 'includeAlgo=true&showAlgo=true&noAlgoTerm=true&userForTermAlgo=3&suggestedTerm=1&jobs=1,2&userJob=7';
const USER_CLASS = 'be.cytomine.domain.ontology.UserAnnotation';

for (const core of ['5.2', '2026']) {
  let emu;
  let panc;
  let image;
  before(async () => {
    emu = await start({ dataset: 'demo', core });
    panc = projectByName(emu, 'PANC-Biopsies');
    image = emu.state.imagesOfProject(panc.id).sort((a, b) => a.id - b.id)[0];
  });
  after(async () => { await emu.close(); });

  test(`core ${core}: the annotation search ignores the algorithm parameters (user annotations only)`, async () => {
    const expected = emu.state.annotationIdsOfProject(panc.id).slice().sort((a, b) => b - a);
    const plain = await getJson(emu, 'alice', `/api/annotation/search.json?project=${panc.id}`);
    const withAlgo = await getJson(emu, 'alice', `/api/annotation/search.json?project=${panc.id}&${ALGO_PARAMS}`);
    assert.deepEqual(plain.collection.map((a) => a.id), expected);
    assert.deepEqual(withAlgo.collection.map((a) => a.id), expected);
    assert.equal(withAlgo.size, expected.length);
    assert.ok(withAlgo.collection.every((a) => a.class === USER_CLASS));
    // the same in a POST body (body params merged with the query's)
    const body = Object.fromEntries(new URLSearchParams(`project=${panc.id}&${ALGO_PARAMS}`));
    const posted = await api(emu, 'alice', 'POST', '/api/annotation/search.json', { body });
    assert.equal(posted.status, 200, posted.text);
    assert.deepEqual(posted.json.collection.map((a) => a.id), expected);
    // with a term filter, `suggestedTerm` / `userForTermAlgo` change nothing either
    const term = emu.state.termsOfOntology(panc.ontology)[0].id;
    const withTerm = expected.filter((id) => emu.state.termsOfAnnotation(id).some((at) => at.term === term));
    assert.ok(withTerm.length > 0);
    assert.deepEqual((await getJson(emu, 'alice', `/api/annotation/search.json?project=${panc.id}&term=${term}&${ALGO_PARAMS}`)).collection.map((a) => a.id), withTerm);
  });

  test(`core ${core}: reviewed=true with the algorithm parameters is the reviewed listing`, async () => {
    assert.equal((await api(emu, 'alice', 'PUT', `/api/imageinstance/${image.id}/review.json`)).status, 200);
    const first = emu.state.annotationIdsOfImage(image.id)[0];
    const accepted = await api(emu, 'alice', 'POST', `/api/annotation/${first}/review.json`);
    assert.equal(accepted.status, 200, accepted.text);
    const reviewedId = accepted.json.reviewedannotation.id;
    const listed = await getJson(emu, 'alice', `/api/annotation/search.json?image=${image.id}&reviewed=true&${ALGO_PARAMS}`);
    assert.deepEqual(listed.collection.map((a) => a.id), [reviewedId]);
    assert.equal(listed.collection[0].class, 'be.cytomine.domain.ontology.ReviewedAnnotation');
  });

  test(`core ${core}: the annotation search ignores sort parameters (id desc)`, async () => {
    const expected = emu.state.annotationIdsOfImage(image.id).slice().sort((a, b) => b - a);
    for (const q of ['sort=created&order=asc', 'sort=created,asc', 'sort=id,asc', 'sortColumn=area&sortDirection=asc']) {
      const r = await getJson(emu, 'alice', `/api/annotation/search.json?image=${image.id}&${q}`);
      assert.deepEqual(r.collection.map((a) => a.id), expected, q);
    }
  });

  test(`core ${core}: no algorithm annotation count or evolution route (404)`, async () => {
    for (const path of [`/api/project/${panc.id}/algoannotation/count.json`, `/api/project/${panc.id}/stats/algoannotationevolution.json`]) {
      const r = await api(emu, 'alice', 'GET', path);
      assert.equal(r.status, 404, `${path}: ${r.status} ${r.text.slice(0, 200)}`);
    }
    // the user and reviewed counterparts are mapped
    assert.equal((await getJson(emu, 'alice', `/api/project/${panc.id}/userannotation/count.json`)).total, emu.state.annotationIdsOfProject(panc.id).length);
    assert.equal(typeof (await getJson(emu, 'alice', `/api/project/${panc.id}/reviewedannotation/count.json`)).total, 'number');
  });
}
