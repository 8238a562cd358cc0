/** The demo and the benchmark prepare their namespace as `xsync admin prepare` does. */
export { ensureNamespace } from '../../temporal/prepare-namespace';
