import { memoryStore } from '@planlog/core';
import { describeSubscriptions } from '@planlog/core/testing';

describeSubscriptions('memoryStore', { store: () => memoryStore() });
