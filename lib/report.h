/* report */
#ifndef ZI_REPORT_H
#define ZI_REPORT_H
#endif
