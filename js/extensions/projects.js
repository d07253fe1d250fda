// Projects: command history, counts and statistics by annotation type, UI configuration, terms' parents, connections and consultations, layers and representatives, configuration.
import { invalidArgument } from '../errors.js';
import { STATE } from '../internal.js';
import { keyed, plainSave, propsUri, clientInfo, projectCollectionUris, annotationStem } from './shared.js';

/** What `ProjectCollection` adds to its declared class. */
export const ProjectCollectionExtension = projectCollectionUris;

/** What `Term` adds to its declared class. */
export const TermExtension = (Base) =>
  class extends Base {
    /** Moves the term under `idNewParent` (or to the root with null). */
    async changeParent(idNewParent) {
      if (this.isNew()) throw invalidArgument('Cannot change the parent of a term with no id');
      if (this.parent) {
        await this.cytomine.request('DELETE', 'relation/parent/term1/{parent}/term2/{id}.json', { params: this });
        this.parent = null;
      }
      if (idNewParent) {
        await this.cytomine.request('POST', 'relation/parent/term.json', {
          body: { term1: idNewParent, term2: this.id },
          expect: 'command:relationterm',
        });
        this.parent = idNewParent;
      }
    }
  };

/** What `ProjectConnection` adds to its declared class. */
export const ProjectConnectionExtension = (Base) =>
  class extends plainSave(Base) {
    /** Records the connection, with the browser and OS when not given. */
    save() {
      if (this.isNew()) Object.assign(this, clientInfo(this));
      return super.save();
    }
  };

/** What `ProjectConnectionCollection` adds to its declared class. */
export const ProjectConnectionCollectionExtension = (Base) =>
  class extends propsUri(
    () => 'project/{project}/connectionHistory/{user}.json',
    (c) => ({ project: c.project ?? c[STATE].filter.value, user: c.user }),
  )(Base) {
    /** Connections per period (`hour`, `day`, `week`), of a project and user, or everywhere. */
    static async fetchConnectionsFrequency(options = {}) {
      const { project, user, afterThan, beforeThan, period = 'hour' } = options ?? {};
      const path = project ? (user ? 'project/{project}/connectionFrequency/{user}.json' : 'project/{project}/connectionFrequency.json') : 'connectionFrequency.json';
      const data = await this.cytomine.request('GET', path, { params: { project, user }, query: { project, user, afterThan, beforeThan, period } });
      return data?.collection;
    }
  };

/** What `ImageConsultation` adds to its declared class. */
export const ImageConsultationExtension = (Base) =>
  class extends plainSave(Base) {
    constructor(props = {}) {
      super(props);
      this.mode ??= 'view';
    }
  };

/** What `ImageConsultationCollection` adds to its declared class. */
export const ImageConsultationCollectionExtension = propsUri(
  (c) => {
    if (c.resume) return 'imageconsultation/resume.json';
    if (c.projectConnection !== null && c.projectConnection !== undefined) return 'projectConnection/{projectConnection}.json';
    if (c.user || c.project) return 'project/{project}/user/{user}/imageconsultation.json';
    throw invalidArgument('ImageConsultationCollection needs resume, projectConnection, or user and project');
  },
  (c) => ({ project: c.project, user: c.user, projectConnection: c.projectConnection }),
);

/** What `ProjectDefaultLayer` adds to its declared class. */
export const ProjectDefaultLayerExtension = keyed('id', 'project');

/** What `Configuration` adds to its declared class. */
export const ConfigurationExtension = (Base) =>
  class extends keyed('key')(Base) {
    /** Without a key; `save()` with a key always PUTs (creates or updates), as in cytomine-client. */
    isNew() {
      return !this.key;
    }
  };

/** What `ProjectRepresentative` adds to its declared class. */
export const ProjectRepresentativeExtension = (Base) =>
  class extends keyed('id', 'project', 'user')(Base) {
    /** Deletes by id, or with id 0 by `user` (`ProjectRepresentative.delete(0, project, user)`). */
    delete() {
      if (this.id || !this.user) return super.delete();
      return this._request('DELETE', 'project/{project}/representative.json', { query: { user: this.user } }).then((data) => this.cytomine._recordCommand(data));
    }
  };

/** What `Project` adds to its declared class. */
export const ProjectExtension = (Base) =>
  class extends Base {
    /** Command history of `project` (or of every project): a bare array. */
    static async fetchCommandHistory(options = {}) {
      const { project, max, offset, user, fullData, startDate, endDate } = options ?? {};
      const path = project ? 'project/{project}/commandhistory.json' : 'commandhistory.json';
      return this.cytomine.request('GET', path, { params: { project }, query: { max, offset, user, fullData, startDate, endDate } });
    }

    /** Number of annotations of a type (`AnnotationType`, default USER), optionally between two dates. */
    async fetchNbAnnotations(options = {}) {
      const { startDate, endDate, annotationType = 'UserAnnotation' } = options ?? {};
      const data = await this._request('GET', `project/{id}/${annotationStem(this, annotationType, 'count')}.json`, {
        query: { startDate, endDate },
      });
      return data?.total;
    }

    /** Annotations of a type created per period. */
    async fetchAnnotationsEvolution(options = {}) {
      const { startDate, endDate, annotationType = 'UserAnnotation', daysRange, accumulate, reverseOrder, term } = options ?? {};
      const stem = { UserAnnotation: 'annotationevolution', AlgoAnnotation: 'algoannotationevolution', ReviewedAnnotation: 'reviewedannotationevolution' }[annotationType];
      if (this.isNew()) throw invalidArgument('Cannot fetch the evolution of a project with no id');
      if (!stem) throw invalidArgument('This annotation type is not handled.');
      const data = await this._request('GET', `project/{id}/stats/${stem}.json`, {
        query: { startDate, endDate, daysRange, accumulate, reverseOrder, term },
      });
      return data?.collection;
    }

    /** Saves the project's UI configuration; resolves to the saved configuration. */
    saveUIConfig(config) {
      if (this.isNew()) return Promise.reject(invalidArgument('Cannot save the UI config of a project with no id'));
      return this._request('POST', '/custom-ui/project/{id}.json', { body: config });
    }
  };
