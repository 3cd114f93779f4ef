import { memoryStore } from '@planlog/core';
import { describeStoredVerbatim } from '@planlog/core/testing';

describeStoredVerbatim('memoryStore', async () => ({ store: memoryStore() }));
