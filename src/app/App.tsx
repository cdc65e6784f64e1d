import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Tooltip } from 'radix-ui';
import { RouterProvider } from 'react-router';
import { isApiError } from '../api/errors';
import { Toaster } from '../components/Toaster';
import { showToast } from '../components/toasts';
import { router } from './router';

const queryClient = new QueryClient({
  // A failed background refetch leaves the old data on screen: say so quietly. First loads fail
  // through the route's error boundary or the list's error state instead.
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (query.state.data === undefined || (isApiError(error) && error.status === 401)) return;
      const detail = isApiError(error) ? `${error.description}${error.requestId ? ` (request id ${error.requestId})` : ''}` : String(error);
      showToast(`Could not refresh: ${detail} Showing the last data received.`);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // Client mistakes (4xx) will not fix themselves; retry only network trouble and 5xx.
      retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
    },
  },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Tooltip.Provider delayDuration={200}>
        <RouterProvider router={router} />
        <Toaster />
      </Tooltip.Provider>
    </QueryClientProvider>
  );
}
