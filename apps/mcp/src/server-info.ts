import packageJson from '../package.json';

export const SERVER_NAME = 'genie';
export const SERVER_VERSION: string = packageJson.version;
