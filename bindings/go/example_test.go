package imagekit_test

import (
	"fmt"
	"log"

	imagekit "libimagekit/bindings/go"
)

func newExampleClient() *imagekit.Client {
	client, err := imagekit.New(imagekit.Config{
		PrivateKey:  "private_key_test",
		PublicKey:   "public_key_test",
		URLEndpoint: "https://ik.imagekit.io/your_imagekit_id",
	})
	if err != nil {
		log.Fatal(err)
	}
	return client
}

// Transformations are a list of steps, each an ordered list of parameters.
func ExampleClient_URL() {
	client := newExampleClient()
	defer client.Close()

	url, err := client.URL(imagekit.URLOptions{
		Path: "/default-image.jpg",
		Transformation: []imagekit.Step{
			{imagekit.P("height", 300), imagekit.P("width", 400)},
			{imagekit.P("rotation", 90)},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(url)

	// The same transformation in the query, on an absolute src URL.
	url, _ = client.URL(imagekit.URLOptions{
		Src:            "https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg",
		Transformation: []imagekit.Step{{imagekit.P("effect_sharpen", "-"), imagekit.P("effect_contrast", 1)}},
	})
	fmt.Println(url)

	// A signed URL (no expiry: it stays valid).
	url, _ = client.URL(imagekit.URLOptions{Path: "/default-image.jpg", Signed: true})
	fmt.Println(url)
	// Output:
	// https://ik.imagekit.io/your_imagekit_id/tr:h-300,w-400:rt-90/default-image.jpg
	// https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg?tr=e-sharpen%2Ce-contrast-1
	// https://ik.imagekit.io/your_imagekit_id/default-image.jpg?ik-s=c86f61bcf1fb5f7a123cd3dbcc89bc5658923ace
}

func ExampleClient_AuthenticationParameters() {
	client := newExampleClient()
	defer client.Close()

	auth, err := client.AuthenticationParameters("your_token", 1582269249)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(auth.Token, auth.Expire, auth.Signature)
	// Output:
	// your_token 1582269249 e71bcd6031016b060d349d212e23e85c791decdd
}

func ExamplePHashDistance() {
	same, _ := imagekit.PHashDistance("f06830ca9f1e3e90", "f06830ca9f1e3e90")
	similar, _ := imagekit.PHashDistance("2d5ad3936d2e015b", "2d6ed293db36a4fb")
	different, _ := imagekit.PHashDistance("a4a65595ac94518b", "7838873e791f8400")
	fmt.Println(same, similar, different)
	// Output:
	// 0 17 37
}
