// Types of nunjucks' prebuilt bundle: the same API as its main entry (@types/nunjucks).
declare module 'nunjucks/browser/nunjucks.js' {
  import nunjucks from 'nunjucks';
  export default nunjucks;
}
