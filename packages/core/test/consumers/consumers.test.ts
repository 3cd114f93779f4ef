import { memoryStore } from '@planlog/core';
import { describeConsumers } from '@planlog/core/testing';

describeConsumers('memoryStore', { store: () => memoryStore() });
