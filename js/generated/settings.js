// Generated from src/domains by `UPDATE_GENERATED=1 cargo test generated`: edit the declarations, not this file.
// The classes of src/domains/settings.rs; their runtime is js/declare.js.
import { Model } from '../model.js';
import { Collection } from '../collection.js';
import { declareCollection, declareModel } from '../declare.js';
import { ConfigurationExtension, ProjectDefaultLayerExtension, ProjectRepresentativeExtension } from '../extensions/projects.js';
import { UserRoleCollectionExtension } from '../extensions/repository.js';
import { UserRoleExtension } from '../extensions/users.js';
import { RoleCollection } from './user.js';

/** A role held by a user (admin). */
export const UserRole = /*#__PURE__*/ declareModel(
  class UserRole extends /*#__PURE__*/ UserRoleExtension(Model) {},
  { name: 'UserRole', cb: 'secusersecrole', label: 'authority', fields: ['user', 'role', 'authority', 'userId', 'roleId', 'dataType'], uri: { new: 'user/{user}/role.json', existing: 'user/{user}/role/{role}.json' }, disabled: ['update'], repository: { renamed: [['user', 'userId'], ['role', 'roleId']] } },
  () => [RoleCollection],
);

/** A list of UserRoles. */
export const UserRoleCollection = /*#__PURE__*/ declareCollection(
  class UserRoleCollection extends /*#__PURE__*/ UserRoleCollectionExtension(Collection) {},
  { name: 'UserRoleCollection', filters: ['user'], cb: 'role' },
  UserRole,
  () => [RoleCollection],
);

/** A server setting keyed by `key`; `save()` creates or updates it (admin). */
export const Configuration = /*#__PURE__*/ declareModel(
  class Configuration extends /*#__PURE__*/ ConfigurationExtension(Model) {},
  { name: 'Configuration', cb: 'configuration', label: 'key', fields: ['key', 'value', 'readingRole'], uri: { new: 'configuration/key/{key:str}.json', existing: 'configuration/key/{key:str}.json' } },
);

/** A list of Configurations. */
export const ConfigurationCollection = /*#__PURE__*/ declareCollection(
  class ConfigurationCollection extends Collection {},
  { name: 'ConfigurationCollection' },
  Configuration,
);

/** An image processing filter offered by a processing server. */
export const ImageFilter = /*#__PURE__*/ declareModel(
  class ImageFilter extends Model {},
  { name: 'ImageFilter', cb: 'imagefilter', fields: ['name', 'processingServer', 'baseUrl'], disabled: ['update'] },
);

/** A list of ImageFilters. */
export const ImageFilterCollection = /*#__PURE__*/ declareCollection(
  class ImageFilterCollection extends Collection {},
  { name: 'ImageFilterCollection' },
  ImageFilter,
);

/** An image filter enabled in a project. */
export const ImageFilterProject = /*#__PURE__*/ declareModel(
  class ImageFilterProject extends Model {},
  { name: 'ImageFilterProject', cb: 'imagefilterproject', fields: ['imageFilter', 'project', 'name', 'processingServer', 'baseUrl'], disabled: ['fetch', 'update'] },
);

/** A list of ImageFilterProjects. */
export const ImageFilterProjectCollection = /*#__PURE__*/ declareCollection(
  class ImageFilterProjectCollection extends Collection {},
  { name: 'ImageFilterProjectCollection', filters: ['', 'project'] },
  ImageFilterProject,
);

/** The progress of a long server operation. */
export const Task = /*#__PURE__*/ declareModel(
  class Task extends Model {},
  { name: 'Task', cb: 'task', label: '', fields: ['progress', 'project', 'user', 'printInActivity', 'comments'], disabled: ['update', 'delete'] },
);

/** A user layer opened by default in a project (`hideByDefault` to hide it). */
export const ProjectDefaultLayer = /*#__PURE__*/ declareModel(
  class ProjectDefaultLayer extends /*#__PURE__*/ ProjectDefaultLayerExtension(Model) {},
  { name: 'ProjectDefaultLayer', cb: 'projectdefaultlayer', label: '', fields: ['project', 'user', 'hideByDefault'], uri: { new: 'project/{project}/defaultlayer.json', existing: 'project/{project}/defaultlayer/{id}.json' } },
);

/** A list of ProjectDefaultLayers. */
export const ProjectDefaultLayerCollection = /*#__PURE__*/ declareCollection(
  class ProjectDefaultLayerCollection extends Collection {},
  { name: 'ProjectDefaultLayerCollection', filters: ['project'], cb: 'defaultlayer' },
  ProjectDefaultLayer,
);

/** A member who represents a project. */
export const ProjectRepresentative = /*#__PURE__*/ declareModel(
  class ProjectRepresentative extends /*#__PURE__*/ ProjectRepresentativeExtension(Model) {},
  { name: 'ProjectRepresentative', cb: 'projectrepresentativeuser', label: '', fields: ['project', 'user'], uri: { new: 'project/{project}/representative.json', existing: 'project/{project}/representative/{id}.json' }, disabled: ['update'] },
);

/** A list of ProjectRepresentatives. */
export const ProjectRepresentativeCollection = /*#__PURE__*/ declareCollection(
  class ProjectRepresentativeCollection extends Collection {},
  { name: 'ProjectRepresentativeCollection', filters: ['project'], cb: 'representative' },
  ProjectRepresentative,
);
