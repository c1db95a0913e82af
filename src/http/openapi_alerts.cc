// The alert routes' part of the OpenAPI document (docs/alerts.md): settings, saved searches
// and notices, the inbox, For you, the buyer's recommended suppliers and invitations, feeds.
#include "http/openapi.h"

namespace tb::http::internal {

const char* const kAlertsOpenApi = R"json({
 "paths": {
  "/api/v1/me/alert-settings": {
   "get": {
    "operationId": "getAlertSettings",
    "summary": "The caller's alert settings (defaults until saved).",
    "security": [
     {
      "session": []
     }
    ],
    "responses": {
     "200": {
      "description": "The settings.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/AlertSettings"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "503": {
      "$ref": "#/components/responses/Problem"
     }
    }
   },
   "put": {
    "operationId": "putAlertSettings",
    "summary": "Replace the caller's alert settings; 422 names the field of a bad value.",
    "security": [
     {
      "session": []
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/AlertSettingsInput"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The stored settings.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/AlertSettings"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "415": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     },
     "503": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/api/v1/me/saved-searches": {
   "get": {
    "operationId": "listSavedSearches",
    "summary": "The caller's saved searches with their Atom feed URLs.",
    "security": [
     {
      "session": []
     }
    ],
    "responses": {
     "200": {
      "description": "The saved searches.",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "items"
         ],
         "properties": {
          "items": {
           "type": "array",
           "items": {
            "$ref": "#/components/schemas/SavedSearch"
           }
          }
         }
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "503": {
      "$ref": "#/components/responses/Problem"
     }
    }
   },
   "post": {
    "operationId": "createSavedSearch",
    "summary": "Save a search (the search page's query string); at most 50 per user (409).",
    "security": [
     {
      "session": []
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "name",
         "query"
        ],
        "additionalProperties": false,
        "properties": {
         "name": {
          "type": "string",
          "minLength": 1,
          "maxLength": 120
         },
         "query": {
          "type": "string",
          "maxLength": 2000
         }
        }
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "The saved search.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/SavedSearch"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "409": {
      "$ref": "#/components/responses/Problem"
     },
     "415": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     },
     "503": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/api/v1/me/saved-searches/{id}": {
   "delete": {
    "operationId": "deleteSavedSearch",
    "summary": "Delete one of the caller's saved searches (its feed token stops working).",
    "security": [
     {
      "session": []
     }
    ],
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "The saved search's id.",
      "schema": {
       "type": "integer",
       "minimum": 1
      }
     }
    ],
    "responses": {
     "204": {
      "description": "Deleted."
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "503": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/api/v1/me/saved-notices": {
   "get": {
    "operationId": "listSavedNotices",
    "summary": "The caller's saved notices and the URL of their deadline calendar (ICS).",
    "security": [
     {
      "session": []
     }
    ],
    "responses": {
     "200": {
      "description": "The saved notices.",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "items",
          "calendar_url"
         ],
         "properties": {
          "items": {
           "type": "array",
           "items": {
            "$ref": "#/components/schemas/SavedNotice"
           }
          },
          "calendar_url": {
           "type": "string"
          }
         }
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "503": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/api/v1/me/saved-notices/{id}": {
   "put": {
    "operationId": "saveNotice",
    "summary": "Save a notice (idempotent); its amendments are always sent.",
    "security": [
     {
      "session": []
     }
    ],
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "The notice's id.",
      "schema": {
       "type": "integer",
       "minimum": 1
      }
     }
    ],
    "responses": {
     "204": {
      "description": "Saved."
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "503": {
      "$ref": "#/components/responses/Problem"
     }
    }
   },
   "delete": {
    "operationId": "unsaveNotice",
    "summary": "Remove a notice from the saved ones.",
    "security": [
     {
      "session": []
     }
    ],
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "The notice's id.",
      "schema": {
       "type": "integer",
       "minimum": 1
      }
     }
    ],
    "responses": {
     "204": {
      "description": "Removed."
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "503": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/api/v1/me/inbox": {
   "get": {
    "operationId": "getInbox",
    "summary": "The caller's alerts, newest first.",
    "security": [
     {
      "session": []
     }
    ],
    "parameters": [
     {
      "name": "unread",
      "in": "query",
      "schema": {
       "type": "boolean"
      }
     },
     {
      "name": "limit",
      "in": "query",
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 100,
       "default": 20
      }
     },
     {
      "name": "cursor",
      "in": "query",
      "description": "next_cursor of the previous page.",
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "One page.",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "items",
          "next_cursor",
          "unread"
         ],
         "properties": {
          "items": {
           "type": "array",
           "items": {
            "$ref": "#/components/schemas/InboxAlert"
           }
          },
          "next_cursor": {
           "type": "string"
          },
          "unread": {
           "type": "integer"
          }
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "503": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/api/v1/me/inbox/{id}/read": {
   "post": {
    "operationId": "markAlertRead",
    "summary": "Mark one of the caller's alerts read.",
    "security": [
     {
      "session": []
     }
    ],
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "The alert's id.",
      "schema": {
       "type": "integer",
       "minimum": 1
      }
     }
    ],
    "responses": {
     "204": {
      "description": "Marked."
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "503": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/api/v1/me/inbox/read-all": {
   "post": {
    "operationId": "markAllAlertsRead",
    "summary": "Mark all of the caller's alerts read.",
    "security": [
     {
      "session": []
     }
    ],
    "responses": {
     "204": {
      "description": "Marked."
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "503": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/api/v1/me/recommendations": {
   "get": {
    "operationId": "getRecommendations",
    "summary": "For you: open notices ranked for the caller's company, with the reasons (supplier users; 403 without a company).",
    "security": [
     {
      "session": []
     }
    ],
    "parameters": [
     {
      "name": "limit",
      "in": "query",
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 100,
       "default": 20
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Best first.",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "items"
         ],
         "properties": {
          "items": {
           "type": "array",
           "items": {
            "type": "object",
            "required": [
             "notice",
             "score",
             "explanation"
            ],
            "properties": {
             "notice": {
              "$ref": "#/components/schemas/AlertNotice"
             },
             "score": {
              "type": "number"
             },
             "explanation": {
              "$ref": "#/components/schemas/MatchExplanation"
             }
            }
           }
          }
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "503": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/api/v1/notices/{id}/recommended-suppliers": {
   "get": {
    "operationId": "getRecommendedSuppliers",
    "summary": "Listed suppliers ranked for the notice with the reasons (agency officers and centre staff); never one with an unresolved sanctions hit.",
    "security": [
     {
      "session": []
     }
    ],
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "The notice's id.",
      "schema": {
       "type": "integer",
       "minimum": 1
      }
     },
     {
      "name": "limit",
      "in": "query",
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 100,
       "default": 20
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Best first.",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "items"
         ],
         "properties": {
          "items": {
           "type": "array",
           "items": {
            "$ref": "#/components/schemas/RecommendedSupplier"
           }
          }
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "503": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/api/v1/notices/{id}/invitations": {
   "post": {
    "operationId": "inviteSuppliers",
    "summary": "Send the notice to the suppliers' users (an inbox alert with reason invitation and an e-mail). Inviting twice counts once.",
    "security": [
     {
      "session": []
     }
    ],
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "description": "The notice's id.",
      "schema": {
       "type": "integer",
       "minimum": 1
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "supplier_ids"
        ],
        "additionalProperties": false,
        "properties": {
         "supplier_ids": {
          "type": "array",
          "minItems": 1,
          "maxItems": 100,
          "items": {
           "type": "integer",
           "minimum": 1
          }
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "How many suppliers were newly invited.",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "invited"
         ],
         "properties": {
          "invited": {
           "type": "integer"
          }
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "403": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "415": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     },
     "503": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/api/v1/feeds/searches/{token}": {
   "get": {
    "operationId": "getSearchFeed",
    "summary": "Atom feed of a saved search's newest 50 matches; the token (feed_url) is the credential.",
    "parameters": [
     {
      "name": "token",
      "in": "path",
      "required": true,
      "description": "The saved search's feed token.",
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "The feed.",
      "content": {
       "application/atom+xml": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "503": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/api/v1/feeds/deadlines/{token}": {
   "get": {
    "operationId": "getDeadlineCalendar",
    "summary": "RFC 5545 calendar of the deadlines of a user's saved notices; the token (calendar_url) is the credential.",
    "parameters": [
     {
      "name": "token",
      "in": "path",
      "required": true,
      "description": "The user's calendar token.",
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "The calendar.",
      "content": {
       "text/calendar": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "503": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/api/v1/alerts/unsubscribe": {
   "post": {
    "operationId": "unsubscribeAlerts",
    "summary": "Turn alert e-mail off for the user the token (from an alert e-mail's link) names.",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "token"
        ],
        "additionalProperties": false,
        "properties": {
         "token": {
          "type": "string"
         }
        }
       }
      }
     }
    },
    "responses": {
     "204": {
      "description": "E-mail alerts are off."
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "404": {
      "$ref": "#/components/responses/Problem"
     },
     "415": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     },
     "503": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  },
  "/api/v1/unspsc/suggestions": {
   "post": {
    "operationId": "suggestUnspscCodes",
    "summary": "UNSPSC codes predicted from free text (the profile wizard's 'describe what you sell'), per level with probabilities and titles in lang. 503 when the server has no trained model.",
    "security": [
     {
      "session": []
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "text"
        ],
        "additionalProperties": false,
        "properties": {
         "text": {
          "type": "string",
          "maxLength": 5000
         },
         "top": {
          "type": "integer",
          "minimum": 1,
          "maximum": 20,
          "default": 5
         },
         "lang": {
          "type": "string"
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "Best first per level.",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "segments",
          "families",
          "classes"
         ],
         "properties": {
          "segments": {
           "type": "array",
           "items": {
            "type": "object",
            "required": [
             "code",
             "title",
             "probability"
            ],
            "properties": {
             "code": {
              "type": "string"
             },
             "title": {
              "type": "string"
             },
             "probability": {
              "type": "number"
             }
            }
           }
          },
          "families": {
           "type": "array",
           "items": {
            "type": "object",
            "required": [
             "code",
             "title",
             "probability"
            ],
            "properties": {
             "code": {
              "type": "string"
             },
             "title": {
              "type": "string"
             },
             "probability": {
              "type": "number"
             }
            }
           }
          },
          "classes": {
           "type": "array",
           "items": {
            "type": "object",
            "required": [
             "code",
             "title",
             "probability"
            ],
            "properties": {
             "code": {
              "type": "string"
             },
             "title": {
              "type": "string"
             },
             "probability": {
              "type": "number"
             }
            }
           }
          },
          "named": {
           "type": "array",
           "description": "Codes whose title the text names (any language); probability is the match strength 0..1.",
           "items": {
            "type": "object",
            "properties": {
             "code": {
              "type": "string"
             },
             "title": {
              "type": "string"
             },
             "probability": {
              "type": "number"
             },
             "matched_text": {
              "type": "string"
             }
            }
           }
          }
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Problem"
     },
     "401": {
      "$ref": "#/components/responses/Problem"
     },
     "415": {
      "$ref": "#/components/responses/Problem"
     },
     "422": {
      "$ref": "#/components/responses/Problem"
     },
     "429": {
      "$ref": "#/components/responses/Problem"
     },
     "503": {
      "$ref": "#/components/responses/Problem"
     }
    }
   }
  }
 },
 "components": {
  "schemas": {
   "AlertSettingsInput": {
    "type": "object",
    "required": [
     "frequency"
    ],
    "additionalProperties": false,
    "properties": {
     "frequency": {
      "type": "string",
      "enum": [
       "instant",
       "daily",
       "weekly",
       "off"
      ]
     },
     "email": {
      "type": "boolean"
     },
     "use_profile": {
      "type": "boolean"
     },
     "agencies": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "countries": {
      "type": "array",
      "items": {
       "type": "string",
       "pattern": "^[A-Z]{2}$"
      }
     },
     "value_currency": {
      "type": "string"
     },
     "value_min_minor": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 0
     },
     "value_max_minor": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 0
     },
     "sustainable_only": {
      "type": "boolean"
     }
    }
   },
   "AlertSettings": {
    "type": "object",
    "properties": {
     "frequency": {
      "type": "string",
      "enum": [
       "instant",
       "daily",
       "weekly",
       "off"
      ]
     },
     "email": {
      "type": "boolean"
     },
     "use_profile": {
      "type": "boolean"
     },
     "agencies": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "countries": {
      "type": "array",
      "items": {
       "type": "string",
       "pattern": "^[A-Z]{2}$"
      }
     },
     "value_currency": {
      "type": "string"
     },
     "value_min_minor": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 0
     },
     "value_max_minor": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 0
     },
     "sustainable_only": {
      "type": "boolean"
     },
     "updated_at": {
      "type": [
       "string",
       "null"
      ],
      "format": "date-time"
     }
    }
   },
   "SavedSearch": {
    "type": "object",
    "required": [
     "id",
     "name",
     "query",
     "created_at",
     "feed_url"
    ],
    "properties": {
     "id": {
      "type": "integer"
     },
     "name": {
      "type": "string"
     },
     "query": {
      "type": "string"
     },
     "created_at": {
      "type": "string",
      "format": "date-time"
     },
     "feed_url": {
      "type": "string"
     }
    }
   },
   "SavedNotice": {
    "type": "object",
    "required": [
     "notice_id",
     "saved_at"
    ],
    "properties": {
     "notice_id": {
      "type": "integer"
     },
     "public_id": {
      "type": [
       "string",
       "null"
      ]
     },
     "title": {
      "type": [
       "string",
       "null"
      ]
     },
     "deadline": {
      "type": [
       "string",
       "null"
      ],
      "format": "date-time"
     },
     "saved_at": {
      "type": "string",
      "format": "date-time"
     }
    }
   },
   "AlertNotice": {
    "type": "object",
    "required": [
     "id"
    ],
    "properties": {
     "id": {
      "type": "integer"
     },
     "public_id": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "agency": {
      "type": "string"
     },
     "type": {
      "type": "string"
     },
     "deadline": {
      "type": [
       "string",
       "null"
      ],
      "format": "date-time"
     },
     "codes": {
      "type": "array",
      "items": {
       "type": "string"
      }
     }
    }
   },
   "MatchExplanation": {
    "type": "object",
    "properties": {
     "codes": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "notice_code": {
         "type": "string"
        },
        "supplier_code": {
         "type": "string"
        },
        "title": {
         "type": "string"
        },
        "similarity": {
         "type": "number"
        },
        "predicted": {
         "type": "boolean"
        }
       }
      }
     },
     "shared_terms": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "country_eligible": {
      "type": "boolean"
     },
     "registered_with_agency": {
      "type": "boolean"
     },
     "targeted": {
      "type": "boolean"
     },
     "history_in_family": {
      "type": "integer"
     }
    }
   },
   "InboxAlert": {
    "type": "object",
    "required": [
     "id",
     "reason",
     "created_at",
     "notice"
    ],
    "properties": {
     "id": {
      "type": "integer"
     },
     "reason": {
      "type": "string",
      "enum": [
       "profile",
       "saved_search",
       "amendment",
       "invitation"
      ]
     },
     "created_at": {
      "type": "string",
      "format": "date-time"
     },
     "read_at": {
      "type": [
       "string",
       "null"
      ],
      "format": "date-time"
     },
     "version": {
      "type": "integer"
     },
     "score": {
      "type": "number"
     },
     "notice": {
      "$ref": "#/components/schemas/AlertNotice"
     },
     "saved_search": {
      "type": [
       "object",
       "null"
      ],
      "properties": {
       "id": {
        "type": "integer"
       },
       "name": {
        "type": "string"
       }
      }
     },
     "explanation": {
      "oneOf": [
       {
        "$ref": "#/components/schemas/MatchExplanation"
       },
       {
        "type": "null"
       }
      ]
     }
    }
   },
   "RecommendedSupplier": {
    "type": "object",
    "required": [
     "supplier_id",
     "name",
     "score",
     "invited"
    ],
    "properties": {
     "supplier_id": {
      "type": "integer"
     },
     "name": {
      "type": "string"
     },
     "country": {
      "type": "string"
     },
     "sme": {
      "type": "boolean"
     },
     "women_owned": {
      "type": "boolean"
     },
     "score": {
      "type": "number"
     },
     "explanation": {
      "$ref": "#/components/schemas/MatchExplanation"
     },
     "invited": {
      "type": "boolean"
     }
    }
   }
  }
 }
})json";

}  // namespace tb::http::internal
