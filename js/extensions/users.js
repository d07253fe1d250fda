// Users: annotation counts, roles, positions, and the IAM account.
import { invalidArgument } from '../errors.js';
import { keyed, one } from './shared.js';

/** Extensions of this area, by class name (see ./index.js). */
export const users = {
  UserRole: { model: keyed('user', 'role') },
  MyAccount: {
    model: (Base) =>
      class extends Base {
        /** The current user's account. */
        static fetch() {
          return new this().fetch();
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
          await this._request('POST', this._template(false), { body: this.getPublicProperties() });
          return this;
        }

        save() {
          return this.update();
        }
      },
  },
  UserPosition: {
    model: (Base) =>
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
      },
  },
  User: {
    model: (Base) =>
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
      },
  },
};
