export * from './model';
export * from './constructs';
export * from './analysis';
export * from './patterns';
export * from './profiles';
export * from './lint';
export * from './report';
export * from './dialects';
