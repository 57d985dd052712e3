// Side-effect modules of ECharts that register one chart or component (see charts.ts);
// the package ships no declarations for them.
declare module 'echarts/lib/chart/bar';
declare module 'echarts/lib/chart/line';
declare module 'echarts/lib/component/gridSimple';
declare module 'echarts/lib/component/legendPlain';
