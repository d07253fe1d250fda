// Generated from src/domains by `UPDATE_GENERATED=1 cargo test generated`: edit the declarations, not this file.
// The classes of src/domains/user.rs; their runtime is js/declare.js.
import { Model } from '../model.js';
import { Collection } from '../collection.js';
import { declareCollection, declareModel, send } from '../declare.js';
import { MyAccountExtension, UserExtension } from '../extensions/users.js';

/** A Cytomine user. */
export const User = /*#__PURE__*/ declareModel(
  class User extends /*#__PURE__*/ UserExtension(Model) {
    /** The authenticated user. */
    static async fetchCurrent(...args) {
      return await send(this, 'fetchCurrent', 'GET user/current.json', args, { returns: 'model' }, User);
    }
    /** Users sharing a project with this user. */
    async fetchFriends(...args) {
      return await send(this, 'fetchFriends', 'GET user/{id}/friends.json', args, { params: { project: 'query', offline: 'query' }, returns: 'collection' }, UserCollection);
    }
    /** First/last connection and counts of this user in a project. */
    async fetchResumeActivity(...args) {
      return await send(this, 'fetchResumeActivity', 'GET project/{project}/resumeActivity/{id}.json', args, { params: { project: 'path' } });
    }
    /** The current user's API keys (`primaryKey`, `secondaryKey`). */
    static async fetchCurrentUserKeys(...args) {
      return await send(this, 'fetchCurrentUserKeys', 'GET user/current/keys', args);
    }
    /** Replaces the current user's API keys and returns the new ones. */
    static async regenerateKeys(...args) {
      return await send(this, 'regenerateKeys', 'POST user/current/keys', args);
    }
    /** Locks the account (admin). */
    async lock(...args) {
      return await send(this, 'lock', 'POST user/{id}/lock.json', args, { returns: 'self user' });
    }
    /** Unlocks the account (admin). */
    async unlock(...args) {
      return await send(this, 'unlock', 'DELETE user/{id}/lock.json', args, { returns: 'self user' });
    }
  },
  { name: 'User', cb: 'user', label: 'username', fields: ['username', 'name', 'fullName', 'firstname', 'lastname', 'email', 'role', 'language', 'isDeveloper', 'origin', 'roles', 'publicKey', 'dataType'] },
  () => [Role, RoleCollection],
);

/** A list of Users. */
export const UserCollection = /*#__PURE__*/ declareCollection(
  class UserCollection extends Collection {
    /** Ids of the users following `user` on image `image`. */
    static async fetchFollowers(...args) {
      return await send(this, 'fetchFollowers', 'GET imageinstance/{image}/followers/{user}.json', args, { params: { user: 'path', image: 'path' }, returns: 'member collection' });
    }
  },
  { name: 'UserCollection', filters: ['', 'project', 'ontology'], props: ['sort', 'order'] },
  User,
);

/** A security role (`ROLE_USER`, `ROLE_ADMIN`...). */
export const Role = /*#__PURE__*/ declareModel(
  class Role extends Model {},
  { name: 'Role', cb: 'role', label: 'authority', fields: ['authority', 'dataType'], disabled: ['update', 'delete'], repository: {} },
);

/** A list of Roles. */
export const RoleCollection = /*#__PURE__*/ declareCollection(
  class RoleCollection extends Collection {},
  { name: 'RoleCollection' },
  Role,
);

/** The current user's IAM account (`{iamUrl}account`; `iamUrl` defaults to `{host}/iam/realms/cytomine/`). */
export const MyAccount = /*#__PURE__*/ declareModel(
  class MyAccount extends /*#__PURE__*/ MyAccountExtension(Model) {},
  { name: 'MyAccount', cb: 'account', label: 'username', fields: ['username', 'email', 'firstName', 'lastName', 'locale', 'isDeveloper', 'attributes'], uri: { new: '/iam/realms/cytomine/account', existing: '/iam/realms/cytomine/account' }, disabled: ['delete'] },
);
