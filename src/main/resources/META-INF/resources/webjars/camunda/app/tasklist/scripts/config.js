// OneWindow (一窗通办) configuration of Camunda Tasklist. Overrides the webjar's default file of
// the same path (the application's classes come first on the classpath).
export default {
  app: {
    name: '任务处理',
    vendor: '一窗通办'
  },
  // Chinese by default: a browser asking for English gets English, every other browser Chinese.
  locales: {
    availableLocales: ['zh-CN', 'en'],
    fallbackLocale: 'zh-CN'
  },
  disableWelcomeMessage: true,
  // Task lists ordered by due date unless the clerk chooses otherwise (ES modules, paths relative to app/tasklist/).
  customScripts: ['scripts/onewindow/due-date-order.js'],
  shortcuts: {
    claimTask: {key: 'ctrl+alt+c', description: '认领当前选中的任务'},
    focusFilter: {key: 'ctrl+shift+f', description: '转到第一个筛选器'},
    focusList: {key: 'ctrl+alt+l', description: '转到任务列表的第一项'},
    focusForm: {key: 'ctrl+alt+f', description: '转到任务表单的第一个输入框'},
    startProcess: {key: 'ctrl+alt+p', description: '打开发起流程对话框'}
  }
};
