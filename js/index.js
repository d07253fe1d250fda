// cytomine-wasm: the package entry. Loads the WebAssembly module (no init call needed) and exports
// the connection, the errors and every model and collection class (js/generated/, rendered from
// the Rust domain declarations in src/domains).
export { Cytomine } from './cytomine.js';
export { CytomineError } from './errors.js';
export { Model } from './model.js';
export { Collection } from './collection.js';
export { keycloakToken } from './keycloak.js';
export * from './generated/index.js';
