import { Component, type ReactNode } from 'react';

/** A page that throws shows its error; the menu and the other pages go on working. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    if (this.state.error) {
      return (
        <div className="state error" role="alert">
          <strong>This page failed:</strong> {this.state.error.message}
          <button type="button" className="link" onClick={() => this.setState({ error: undefined })}>
            Try again
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}
