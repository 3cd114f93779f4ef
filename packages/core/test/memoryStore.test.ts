import { memoryStore } from '@planlog/core';
import { describeEventStore } from '@planlog/core/testing';

describeEventStore('memoryStore', () => memoryStore());
