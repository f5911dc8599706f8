export * from './model';
export * from './constructs';
