// Public API of the pure scoring engine. Import from '~/domain' (or this file).
export * from './types'
export * from './format'
export * from './labels'
export * from './predikat'
export * from './periods'
export * from './capaian'
export * from './scoring'
export * from './flags'
