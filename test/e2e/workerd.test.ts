import { runtimeNamed } from '../helpers/start-proxy';
import { clientSuites } from './client-suites';

clientSuites(runtimeNamed('workerd'));
