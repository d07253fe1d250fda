// Types of js/extensions/users.js: the members it adds to the generated classes (js/index.d.ts
// makes each `<Class>` extend `<Class>Extension`).
import type { Model, Id } from '../types/base.js';
import type { MyAccount, RoleCollection, UserPosition, UserRole } from '../index.js';

/** What js/extensions/users.js adds to `MyAccount`. */
export declare class MyAccountExtension extends Model {
  constructor(props?: Record<string, unknown>);
  /** The current user's account. */
  static fetch(): Promise<MyAccount>;
}

/** What js/extensions/users.js adds to `UserPosition`. */
export declare class UserPositionExtension extends Model {
  /** Records a viewport `{image or slice, topLeftX, topLeftY, ..., zoom, rotation, broadcast}`. */
  static create(position: Record<string, unknown>): Promise<UserPosition>;
}

/** What js/extensions/users.js adds to `UserRole`. */
export declare class UserRoleExtension extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(user: Id, role: Id): Promise<UserRole>;
  static delete(user: Id, role: Id): Promise<void>;
}

/** What js/extensions/users.js adds to `User`. */
export declare class UserExtension extends Model {
  /** Number of annotations of the user (reviewed ones with `reviewed`), optionally in a project. */
  fetchNbAnnotations(reviewed?: boolean | Id, idProject?: Id | null): Promise<number>;
  /** Gives the user exactly the role `role` (a role id, or an authority such as 'ROLE_ADMIN') and the lower ones; resolves to their roles. */
  defineRole(role: number | string): Promise<RoleCollection>;
}
