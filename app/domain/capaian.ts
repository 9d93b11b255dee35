// Capaian of one indicator (domain §4): the formulas, the aggregation of realisations, the status
// and the per-period result with its Formulir E.81 columns — one module each, exported here.
export * from './capaian-formulas'
export * from './aggregate'
export * from './status'
export * from './indicator-result'
