// OneWindow (一窗通办) configuration of Camunda Cockpit. Overrides the webjar's default file of
// the same path (the application's classes come first on the classpath).
export default {
  app: {
    name: '运行监控',
    vendor: '一窗通办'
  },
  // Chinese by default: a browser asking for English gets English, every other browser Chinese.
  locales: {
    availableLocales: ['zh-CN', 'en'],
    fallbackLocale: 'zh-CN'
  },
  disableWelcomeMessage: true,
  // The supervision dashboard (督办监察): ES modules, paths relative to app/cockpit/.
  customScripts: ['scripts/onewindow/supervision-plugin.js']
};
