/** The workspace's root folder, with a trailing separator. */
export declare const workspaceRoot: string;
/** Every packages/*\/package.json that is not private, sorted by name. */
export declare function publishedPackages(): {
  /** The folder's name under packages/. */
  dir: string;
  /** The folder's absolute path. */
  path: string;
  name: string;
  manifest: Record<string, any>;
}[];
