/** Who is signed in, for pages that word things from the person's point of view. */
import { createContext, useContext } from 'react';
import type { Role } from '../gql/graphql.ts';

export interface ViewerInfo {
  readonly personId: string | null;
  readonly roles: readonly Role[];
}

export const ViewerContext = createContext<ViewerInfo>({ personId: null, roles: [] });
export const useViewer = () => useContext(ViewerContext);
