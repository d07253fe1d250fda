// Users: annotation counts, roles, positions, and the IAM account.
import { invalidArgument } from '../errors.js';
import { classNamed } from '../declare.js';
import { keyed, one } from './shared.js';
import { userRoleAuthority } from './repository.js';

/**
 * What `UserRole` adds to its declared class.
 * @uses RoleCollection
 */
export const UserRoleExtension = (Base) => userRoleAuthority(keyed('user', 'role')(Base));

/** What `MyAccount` adds to its declared class. */
export const MyAccountExtension = (Base) =>
  class extends Base {
    /** The current user's account (`GET {iamUrl}account`). */
    static async fetch() {
      return await new this().fetch();
    }

    /** Reloads the account from the IAM; resolves to `this`. */
    async fetch() {
      return this.populate(await this.cytomine._iamRequest('GET', 'account', { expect: 'object' }));
    }

    /** The credentials (password...) of the account (`GET {iamUrl}account/credentials`). */
    static async fetchCredentials() {
      return await this.cytomine._iamRequest('GET', 'account/credentials');
    }

    /** Also derives `locale` and `isDeveloper` from `attributes`. */
    populate(props) {
      super.populate(props);
      if (props?.attributes) {
        this.locale = one(props.attributes.locale);
        const developer = one(props.attributes.isDeveloper);
        this.isDeveloper = developer === null ? null : Boolean(Number(developer));
      }
      return this;
    }

    /** The account as the IAM takes it: `locale` and `isDeveloper` go into `attributes`. */
    getPublicProperties() {
      const { locale, isDeveloper, ...out } = super.getPublicProperties();
      out.attributes = { ...(out.attributes ?? {}) };
      if (locale !== undefined) out.attributes.locale = [locale];
      if (isDeveloper !== undefined) out.attributes.isDeveloper = [String(Number(isDeveloper))];
      return out;
    }

    /** Saves the account (POST, as the IAM's account API expects); resolves to `this`. */
    async update() {
      await this.cytomine._iamRequest('POST', 'account', { body: this.getPublicProperties() });
      return this;
    }

    save() {
      return this.update();
    }
  };

/** What `UserPosition` adds to its declared class. */
export const UserPositionExtension = (Base) =>
  class extends Base {
    /** Records the viewport `{image or slice, topLeftX, topLeftY, ..., bottomLeftY, zoom, rotation, broadcast}`. */
    static async create(position = {}) {
      if (!position?.image && !position?.slice) throw invalidArgument('A position needs an image or a slice');
      const path = position.slice ? 'sliceinstance/{slice}/position.json' : 'imageinstance/{image}/position.json';
      const data = await this.cytomine.request('POST', path, { params: position, body: position, expect: 'object' });
      return new this(data);
    }

    save() {
      return Promise.reject(invalidArgument('Use UserPosition.create() to record a position'));
    }
  };

/**
 * What `User` adds to its declared class.
 * @uses Role, RoleCollection
 */
export const UserExtension = (Base) =>
  class extends Base {
    /**
     * Today's `GET user/{id}.json` (a repository record) has no `fullName` (derived here as
     * 5.2's core and today's web UI do: `name (username)`) and carries the user's API keys: the private key is not kept in the
     * model, so it never reaches `JSON.stringify`, logs or spread copies.
     */
    populate(props) {
      if (props && typeof props === 'object' && 'privateKey' in props) {
        const { privateKey, ...rest } = props;
        props = rest;
      }
      super.populate(props);
      if (props?.dataType === 'USER' && !props.fullName && (this.name || this.username)) {
        // The rule of 5.2's core and of today's web UI.
        this.fullName = this.name && this.name !== this.username ? `${this.name} (${this.username})` : this.username;
      }
      return this;
    }

    /**
     * Gives the user exactly the role `role` (and the lower ones); resolves to their roles (a
     * `RoleCollection`). `role` is a role id (cytomine-client) or an authority
     * (`'ROLE_ADMIN'`, today's web UI). Today's core takes the authority in the path and
     * answers with the caller's own user roles, so the user's roles are then read back.
     */
    async defineRole(role) {
      if (this.isNew()) throw invalidArgument('Cannot define the role of a user with no id');
      const [Role, RoleCollection] = ['Role', 'RoleCollection'].map((name) => classNamed(this.cytomine, name));
      if ((await this.cytomine._ready()) !== '2026') {
        const byId = typeof role === 'string' ? (await RoleCollection.fetchAll()).array.find((r) => r.authority === role)?.id : role;
        if (byId === undefined) throw invalidArgument(`unknown role ${role}`);
        const data = await this._request('PUT', 'user/{id}/role/{role}/define.json', { params: { id: this.id, role: byId } });
        return new RoleCollection()._fill(Array.isArray(data?.collection) ? data : { collection: [] }, false);
      }
      const authority = typeof role === 'string' ? role : (await Role.fetch(role)).authority;
      await this._request('PUT', 'user/{id}/role/{authority:str}/define.json', { params: { id: this.id, authority } });
      // Today's user record lists the user's roles (`roles`, role records).
      const user = await this._request('GET', 'user/{id}.json', { expect: 'object' });
      const roles = Array.isArray(user?.roles) ? user.roles.filter((r) => r && typeof r === 'object') : [];
      return new RoleCollection()._fill({ collection: roles }, false);
    }

    /**
     * Number of annotations of the user (reviewed ones with `reviewed`), optionally in a
     * project. A number as first argument is read as the project (earlier form).
     */
    async fetchNbAnnotations(reviewed = false, idProject = null) {
      if (this.isNew()) throw invalidArgument('Cannot fetch the number of annotations of a user with no id');
      if (typeof reviewed === 'number') [reviewed, idProject] = [false, reviewed];
      const stem = reviewed ? 'reviewedannotation' : 'userannotation';
      const data = await this._request('GET', `user/{id}/${stem}/count.json`, { query: { project: idProject || null } });
      return data?.total;
    }
  };
