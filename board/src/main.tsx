import { render } from 'preact';
import { App } from './components/App';
import { takeFragmentToken } from './auth/token';
import './styles.css';

// Before anything renders: the token leaves the address bar at once.
takeFragmentToken(window.location, window.history, window.sessionStorage);
render(<App storage={window.sessionStorage} />, document.getElementById('app')!);
