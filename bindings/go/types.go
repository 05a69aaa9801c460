package imagekit

import (
	"encoding/json"
	"time"
)

// The result types keep the API's JSON in Raw, so fields this package does not model are still
// reachable. Numbers the API documents as "number" are float64; integers are int/int64.

// keepRaw decodes b into v and keeps a copy of b in *raw.
func keepRaw(b []byte, v any, raw *json.RawMessage) error {
	if err := json.Unmarshal(b, v); err != nil {
		return err
	}
	*raw = append(json.RawMessage(nil), b...)
	return nil
}

// VersionInfo identifies a file version.
type VersionInfo struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// AITag is a tag added by an auto-tagging extension.
type AITag struct {
	Name       string  `json:"name"`
	Confidence float64 `json:"confidence"`
	Source     string  `json:"source"`
}

// File is a file, file version or folder of the media library (FileDetails / FolderDetails).
type File struct {
	FileID            string         `json:"fileId"`
	Type              string         `json:"type"` // "file", "file-version" or "folder"
	Name              string         `json:"name"`
	FilePath          string         `json:"filePath"`
	Tags              []string       `json:"tags"`
	AITags            []AITag        `json:"AITags"`
	VersionInfo       *VersionInfo   `json:"versionInfo"`
	IsPrivateFile     bool           `json:"isPrivateFile"`
	IsPublished       bool           `json:"isPublished"`
	CustomCoordinates *string        `json:"customCoordinates"`
	URL               string         `json:"url"`
	Thumbnail         string         `json:"thumbnail"`
	FileType          string         `json:"fileType"` // "image" or "non-image"
	Mime              string         `json:"mime"`
	Width             float64        `json:"width"`
	Height            float64        `json:"height"`
	Size              float64        `json:"size"`
	HasAlpha          bool           `json:"hasAlpha"`
	CustomMetadata    map[string]any `json:"customMetadata"`
	Description       string         `json:"description"`
	CreatedAt         time.Time      `json:"createdAt"`
	UpdatedAt         time.Time      `json:"updatedAt"`
	// Folders only.
	FolderID   string `json:"folderId"`
	FolderPath string `json:"folderPath"`

	Raw json.RawMessage `json:"-"` // the API's JSON for this file
}

// UnmarshalJSON decodes the API's JSON and keeps it in Raw.
func (f *File) UnmarshalJSON(b []byte) error {
	type plain File // no methods: no recursion
	return keepRaw(b, (*plain)(f), &f.Raw)
}

// Metadata is the technical metadata of an image or video (dimensions, format, pHash, EXIF …).
type Metadata struct {
	Height          int             `json:"height"`
	Width           int             `json:"width"`
	Size            int64           `json:"size"`
	Format          string          `json:"format"`
	HasColorProfile bool            `json:"hasColorProfile"`
	Quality         int             `json:"quality"`
	Density         int             `json:"density"`
	HasTransparency bool            `json:"hasTransparency"`
	PHash           string          `json:"pHash"`
	BitRate         int             `json:"bitRate"`
	Duration        int             `json:"duration"`
	AudioCodec      string          `json:"audioCodec"`
	VideoCodec      string          `json:"videoCodec"`
	Exif            json.RawMessage `json:"exif"`

	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the API's JSON and keeps it in Raw.
func (m *Metadata) UnmarshalJSON(b []byte) error {
	type plain Metadata // no methods: no recursion
	return keepRaw(b, (*plain)(m), &m.Raw)
}

// UploadResult describes an uploaded file.
type UploadResult struct {
	FileID            string            `json:"fileId"`
	Name              string            `json:"name"`
	FilePath          string            `json:"filePath"`
	URL               string            `json:"url"`
	ThumbnailURL      string            `json:"thumbnailUrl"`
	Height            float64           `json:"height"`
	Width             float64           `json:"width"`
	Size              float64           `json:"size"`
	FileType          string            `json:"fileType"`
	Tags              []string          `json:"tags"`
	AITags            []AITag           `json:"AITags"`
	VersionInfo       *VersionInfo      `json:"versionInfo"`
	IsPrivateFile     bool              `json:"isPrivateFile"`
	IsPublished       bool              `json:"isPublished"`
	CustomCoordinates *string           `json:"customCoordinates"`
	CustomMetadata    map[string]any    `json:"customMetadata"`
	Metadata          *Metadata         `json:"metadata"`
	ExtensionStatus   map[string]string `json:"extensionStatus"`
	Description       string            `json:"description"`

	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the API's JSON and keeps it in Raw.
func (u *UploadResult) UnmarshalJSON(b []byte) error {
	type plain UploadResult // no methods: no recursion
	return keepRaw(b, (*plain)(u), &u.Raw)
}

// PurgeRequest is the answer to CacheInvalidationNew (a purge).
type PurgeRequest struct {
	RequestID string          `json:"requestId"`
	Raw       json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the API's JSON and keeps it in Raw.
func (p *PurgeRequest) UnmarshalJSON(b []byte) error {
	type plain PurgeRequest // no methods: no recursion
	return keepRaw(b, (*plain)(p), &p.Raw)
}

// PurgeStatus is the state of a purge request: "Pending" or "Completed".
type PurgeStatus struct {
	Status string          `json:"status"`
	Raw    json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the API's JSON and keeps it in Raw.
func (p *PurgeStatus) UnmarshalJSON(b []byte) error {
	type plain PurgeStatus // no methods: no recursion
	return keepRaw(b, (*plain)(p), &p.Raw)
}

// Bool returns a pointer to v, for the optional booleans of UploadOptions and FileUpdate.
func Bool(v bool) *bool { return &v }

// String returns a pointer to v, for the optional strings of FileUpdate.
func String(v string) *string { return &v }
