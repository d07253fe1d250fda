// The generated classes (js/generated/, rendered from src/domains): each is its own named class,
// extension methods win over declared ones, connection-bound subclasses keep `instanceof` and the
// name, and the enums are frozen values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from '../../js/index.js';
import * as generated from '../../js/generated/index.js';

const { Cytomine, Model, Collection, Project, ProjectCollection, User, AnnotationType, ProjectMemberRole, UploadedFileStatus } = client;
const classes = Object.entries(generated).filter(([, value]) => typeof value === 'function');

test('every generated class is exported by the package, named, tagged and declared', () => {
  assert.equal(classes.length, 41 + 37);
  for (const [name, Class] of classes) {
    assert.equal(client[name], Class);
    assert.equal(Class.name, name);
    assert.equal(Class.spec.name, name);
    const base = Class.prototype instanceof Model ? Model : Collection;
    assert.ok(Class.prototype instanceof base, name);
    assert.equal(Object.prototype.toString.call(Object.create(Class.prototype)), `[object ${name}]`);
  }
  assert.equal(ProjectCollection.model, Project);
  assert.equal(Project.spec.cb, 'project');
  assert.deepEqual(ProjectCollection.allowedFilters, [null, 'user', 'ontology']);
});

test('a declared method is a named async method of its class; one an extension defines is not generated', () => {
  assert.ok(Object.hasOwn(Project.prototype, 'fetchUsers'));
  assert.equal(Project.prototype.fetchUsers.name, 'fetchUsers');
  assert.equal(Project.prototype.fetchUsers.constructor.name, 'AsyncFunction');
  // User.defineRole is its extension's (src/domains declares no defineRole any more).
  assert.ok(!Object.hasOwn(User.prototype, 'defineRole'));
  assert.equal(typeof User.prototype.defineRole, 'function');
  // No generated method hides one its extension (or an extension's building block) defines.
  for (const [name, Class] of classes) {
    const base = Class.prototype instanceof Model ? Model : Collection;
    for (const [own, stop] of [
      [Class, base],
      [Class.prototype, base.prototype],
    ]) {
      for (const key of Object.getOwnPropertyNames(own)) {
        if (['constructor', 'prototype', 'name', 'length', 'spec', '_accessorFields', '_defaults', '_modelClass', 'model'].includes(key)) continue;
        for (let p = Object.getPrototypeOf(own); p && p !== stop; p = Object.getPrototypeOf(p)) {
          assert.ok(!Object.hasOwn(p, key), `${name}.${key} hides its extension's`);
        }
      }
    }
  }
});

test('classes bound to a connection are named subclasses; declared methods return bound classes', async () => {
  const first = new Cytomine('http://127.0.0.1:9', { core: '5.2', retries: 0 });
  const other = new Cytomine('http://127.0.0.1:9', { core: '5.2', retries: 0 });
  try {
    const { Project: Bound, ProjectCollection: BoundCollection } = other.models;
    assert.notEqual(Bound, Project);
    assert.equal(Bound.name, 'Project');
    assert.equal(Bound.cytomine, other);
    assert.ok(new Bound() instanceof Project);
    assert.equal(String(Object.prototype.toString.call(new Bound())), '[object Project]');
    assert.equal(BoundCollection.model, Bound);
    assert.equal(other.models.Project, Bound, 'one bound class per connection');
    // A declared method's result is of the class bound to the connection it was called through.
    const answer = { collection: [{ id: 3, username: 'u' }], size: 1 };
    other.request = async () => answer;
    const users = await new Bound({ id: 5 }).fetchUsers();
    assert.equal(users.constructor, other.models.UserCollection);
    assert.equal(users.get(0).constructor, other.models.User);
    first.request = async () => answer;
    assert.equal((await new Project({ id: 5 }).fetchUsers()).constructor, client.UserCollection);
  } finally {
    first.free();
    other.free();
  }
});

test('enums are frozen objects of the declared values', () => {
  assert.equal(AnnotationType.USER, 'UserAnnotation');
  assert.equal(ProjectMemberRole.MANAGER, 'manager');
  assert.equal(typeof UploadedFileStatus.DEPLOYED, 'number');
  for (const e of [AnnotationType, ProjectMemberRole, UploadedFileStatus]) assert.ok(Object.isFrozen(e));
});
